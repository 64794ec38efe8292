def render(*a, **k): pass
