"""LiveTally: earnings for TikTok LIVE creators, from coins and gifts to cash."""

__version__ = "0.1.0"
