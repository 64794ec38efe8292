"""Realistic FEC data with labelled violations, and accuracy measurement against the labels."""
