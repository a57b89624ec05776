"""The window: widgets, dialogs and charts. Imported only once a QApplication exists."""
