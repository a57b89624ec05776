"""Help > How the money works, and Help > About: the money model in the app's own words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from livetally import __version__
from livetally.core.conversion import convert_coins
from livetally.models.formatting import Formatter
from livetally.models.session import Session


def money_help_html(session: Session) -> str:
    """The coins -> gifts -> diamonds -> cash path, worked through with today's figures."""
    profile = session.profile()
    shown = convert_coins(10_000, profile, session.settings.exchange_rates).shown()
    fmt = Formatter()
    return f"""
<h2>How the money works</h2>
<ol>
<li><b>Coins.</b> Viewers buy coins with real money (about {
        fmt.money(profile.coin_usd * 100, creator=False)
    } per 100 coins in {profile.name}).</li>
<li><b>Gifts.</b> During your LIVE they spend coins on gifts: a Rose is 1 coin, a Galaxy
 1,000.</li>
<li><b>Diamonds.</b> TikTok credits you {fmt.number(profile.diamonds_per_coin, 2)} diamonds per
 coin of gifts and keeps the rest: its cut is {fmt.percent(profile.tiktok_share)} of what
 viewers paid.</li>
<li><b>Cash.</b> Each diamond is worth {fmt.money(profile.diamond_usd * 100)} per 100 when you
 withdraw, usually through {profile.payout_method}, once your balance reaches the payout
 minimum of {fmt.money(profile.payout_minimum_usd)}.</li>
</ol>
<p>So 10,000 coins of gifts ({fmt.money(shown.viewer_spend_usd, creator=False)} paid by
viewers) give you {fmt.counted(shown.diamonds, "diamond")}, worth {fmt.money(shown.creator_usd)};
TikTok keeps {fmt.money(shown.tiktok_cut_usd)}.</p>
<p><b>Likes pay nothing.</b> LiveTally shows them as engagement, never as money.</p>
<p>These figures are estimates for {profile.name}. Your TikTok wallet is the truth: use
<i>Calibrate from my wallet…</i> on the Calculator tab to take them from it.</p>
"""


class TextDialog(QDialog):
    """A short rich-text page with a Close button."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        label = QLabel(html)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)


def about_html() -> str:
    return (
        f"<h2>LiveTally {__version__}</h2>"
        "<p>Earnings for TikTok LIVE creators: coins and gifts to diamonds and cash at your "
        "country's rates, a log of every stream, and every other income in one place.</p>"
        "<p>Gift prices from the MIT-licensed list of rqinix/TNTCoin "
        "(see gifts-LICENSE.txt in your data folder).</p>"
    )
