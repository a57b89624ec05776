"""The Qt model layer: table models, filter proxies and view-models (QtCore/QtGui only).

Nothing here creates a widget, so every model can be tested without a window.
"""
