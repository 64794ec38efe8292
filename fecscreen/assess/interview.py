def interview(*a, **k): pass
