"""Built-in content: the shared exercise library and caregiver guides."""
