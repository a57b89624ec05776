"""The calculator's logic without widgets: text in, formatted results and errors out.

The tab only forwards what is typed and shows what this object says, so every rule
(which input drives the results, how gifts and coins combine, what an error reads like)
is tested here without a window.

How the inputs combine, in the words the tab shows a person:

* **Coins**, **Diamonds** and **Target (USD)** are alternatives. Typing in one clears the
  other two, so one figure always drives the results and it is the one last typed.
* **Gifts fill Coins.** While any gift is counted, the Coins field shows the gifts' coin
  total and cannot be typed in; clearing the counts hands it back. Typing in Diamonds or
  Target clears the gift counts, like any other alternative input.
* Likes are never an input: they pay nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from PySide6.QtCore import QObject, Signal

from livetally.core.conversion import (
    Conversion,
    TargetPlan,
    convert_coins,
    convert_diamonds,
    plan_for_target,
)
from livetally.core.gifts import GiftCount
from livetally.core.money import (
    ONE,
    InputError,
    parse_amount,
    parse_count,
    round_down,
    whole_diamonds,
)
from livetally.core.payout import balance_status
from livetally.core.rates import RateProfile
from livetally.models.formatting import Formatter
from livetally.models.gift_picker import GiftPickerModel
from livetally.models.session import Session

#: What results show when there is nothing (valid) to compute from.
DASH = "\N{EM DASH}"

#: Keys of the inputs, used for texts and errors.
COINS = "coins"
DIAMONDS = "diamonds"
TARGET = "target"
GIFTS = "gifts"

#: The visible label of each typed input (the tab uses these, the errors name them).
LABELS: Mapping[str, str] = MappingProxyType(
    {COINS: "Coins", DIAMONDS: "Diamonds", TARGET: "Target (USD)"}
)

_EXPECTED = {
    COINS: "expected a whole number such as 500",
    DIAMONDS: "expected a whole number such as 500",
    TARGET: "expected an amount in USD such as 49.99",
}


class Driver(enum.Enum):
    """Which input the results are computed from."""

    NONE = "none"
    COINS = "coins"
    GIFTS = "gifts"
    DIAMONDS = "diamonds"
    TARGET = "target"


_DRIVER_OF = {COINS: Driver.COINS, DIAMONDS: Driver.DIAMONDS, TARGET: Driver.TARGET}


@dataclass(frozen=True)
class Results:
    """Every label and value of the results panel, formatted for the screen."""

    heading: str
    coins_label: str
    coins: str
    viewer_spend_label: str
    viewer_spend: str
    tiktok_label: str
    tiktok_cut: str
    share_label: str
    creator_usd: str
    local_label: str
    creator_local: str
    show_local: bool
    diamonds_label: str
    diamonds: str


@dataclass(frozen=True)
class PayoutView:
    """The ledger's balance plus this amount, against the country's payout minimum."""

    minimum: str
    balance: str
    this_amount: str
    total: str
    progress_permille: int
    progress_text: str
    missing: str
    withdrawable: bool


@dataclass(frozen=True)
class StreamDraft:
    """What the calculator knows about a stream, to prefill the stream dialog."""

    country: str
    coins: int | None
    diamonds: int | None
    gifts: tuple[GiftCount, ...]


class CalculatorViewModel(QObject):
    """State and results of the calculator tab.

    ``changed`` fires after anything shown may have changed (an input, the ledger, the
    settings); ``countries_changed`` when the list of country profiles may have changed.
    """

    changed = Signal()
    countries_changed = Signal()

    def __init__(
        self, session: Session, formatter: Formatter | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._format = formatter or Formatter()
        self._gifts = GiftPickerModel(session.catalog, self._format, self)
        self._texts: dict[str, str] = dict.fromkeys(LABELS, "")
        self._driver = Driver.NONE
        self._country = session.settings.country
        self._gift_error = ""
        self._clearing_gifts = False
        self._errors: Mapping[str, str] = {}
        self._conversion: Conversion | None = None
        self._typed_diamonds: int | None = None
        self._results = self._blank_results(self.profile)
        self._payout = self._payout_view(self.profile, None)
        self._gifts.counts_changed.connect(self._on_counts_changed)
        self._gifts.count_rejected.connect(self._on_count_rejected)
        session.settings_changed.connect(self._on_settings_changed)
        session.ledger_changed.connect(self._recompute)
        self._recompute()

    # -- inputs ----------------------------------------------------------------------------

    @property
    def gifts(self) -> GiftPickerModel:
        return self._gifts

    def text(self, field: str) -> str:
        """The text of ``COINS``, ``DIAMONDS`` or ``TARGET`` as it should be shown."""
        return self._texts[field]

    def set_text(self, field: str, text: str) -> None:
        """A person typed ``text`` into ``field``; the other alternatives are cleared."""
        if field == COINS and self.coins_from_gifts:
            return
        if self._texts[field] == text:
            return
        self._texts[field] = text
        if text.strip():
            self._driver = _DRIVER_OF[field]
            for other in self._texts:
                if other != field:
                    self._texts[other] = ""
            self._gift_error = ""
            self._clear_gifts_quietly()
        elif self._driver is _DRIVER_OF[field]:
            self._driver = Driver.NONE
        self._recompute()

    def set_coins_text(self, text: str) -> None:
        self.set_text(COINS, text)

    def set_diamonds_text(self, text: str) -> None:
        self.set_text(DIAMONDS, text)

    def set_target_text(self, text: str) -> None:
        self.set_text(TARGET, text)

    def clear(self) -> None:
        """Empty every input (after the amount was logged, say)."""
        self._texts = dict.fromkeys(LABELS, "")
        self._gift_error = ""
        self._driver = Driver.NONE
        self._clear_gifts_quietly()
        self._recompute()

    @property
    def country(self) -> str:
        return self._country

    def set_country(self, code: str) -> None:
        """Use ``code``'s rates; an unknown code is ignored (the list comes from settings)."""
        code = code.strip().upper()
        if code != self._country and code in self._session.settings.profiles:
            self._country = code
            self._recompute()

    def countries(self) -> list[tuple[str, str]]:
        """(code, "Name (CODE)") of every country profile, by name."""
        profiles = self._session.settings.profiles.values()
        return [
            (p.country, f"{p.name} ({p.country})")
            for p in sorted(profiles, key=lambda p: p.name.casefold())
        ]

    @property
    def profile(self) -> RateProfile:
        return self._session.profile(self._country)

    # -- state -------------------------------------------------------------------------------

    @property
    def driver(self) -> Driver:
        return self._driver

    @property
    def coins_from_gifts(self) -> bool:
        """True while the gift counts fill the Coins field (which is then read-only)."""
        return self._driver is Driver.GIFTS

    @property
    def errors(self) -> Mapping[str, str]:
        """Messages by input key (``COINS``, ``DIAMONDS``, ``TARGET``, ``GIFTS``)."""
        return self._errors

    def error(self, field: str) -> str:
        return self._errors.get(field, "")

    @property
    def results(self) -> Results:
        return self._results

    @property
    def payout(self) -> PayoutView:
        return self._payout

    @property
    def gift_summary(self) -> str:
        gifts = self._gifts.total_gifts()
        if not gifts:
            return "No gifts counted"
        coins = self._gifts.total_coins()
        fmt = self._format
        return f"{fmt.counted(gifts, 'gift')} counted: {fmt.counted(coins, 'coin')}"

    @property
    def can_log_stream(self) -> bool:
        """A stream can be logged from received coins, gifts or diamonds, not a target."""
        return self._conversion is not None and self._driver in (
            Driver.COINS,
            Driver.GIFTS,
            Driver.DIAMONDS,
        )

    def stream_draft(self) -> StreamDraft:
        """The amount as a stream to log: coins, plus the gifts or diamonds if they drove it."""
        coins: int | None = None
        if self.can_log_stream and self._conversion is not None:
            coins = int(self._conversion.shown().coins)
        gifts = tuple(self._gifts.gift_counts()) if self._driver is Driver.GIFTS else ()
        diamonds = self._typed_diamonds if self._driver is Driver.DIAMONDS else None
        return StreamDraft(country=self._country, coins=coins, diamonds=diamonds, gifts=gifts)

    # -- reacting --------------------------------------------------------------------------

    def _clear_gifts_quietly(self) -> None:
        self._clearing_gifts = True
        try:
            self._gifts.clear_counts()
        finally:
            self._clearing_gifts = False

    def _on_counts_changed(self) -> None:
        if self._clearing_gifts:
            return
        self._gift_error = ""
        if self._gifts.total_gifts():
            self._driver = Driver.GIFTS
            self._texts = dict.fromkeys(LABELS, "")
            self._texts[COINS] = self._format.count(self._gifts.total_coins())
        elif self._driver is Driver.GIFTS:
            self._driver = Driver.NONE
            self._texts[COINS] = ""
        self._recompute()

    def _on_count_rejected(self, message: str) -> None:
        self._gift_error = message
        self._recompute()

    def _on_settings_changed(self) -> None:
        if self._country not in self._session.settings.profiles:
            self._country = self._session.settings.country
        self.countries_changed.emit()
        self._recompute()

    def _recompute(self) -> None:
        profile = self.profile
        errors: dict[str, str] = {}
        conversion: Conversion | None = None
        plan: TargetPlan | None = None
        self._typed_diamonds = None
        try:
            conversion, plan = self._convert(profile)
        except InputError as error:
            field = self._driver.value
            errors[field] = _explain(field, error)
        if self._gift_error:
            errors[GIFTS] = self._gift_error
        self._errors = MappingProxyType(errors)
        self._conversion = conversion
        self._results = (
            self._blank_results(profile)
            if conversion is None
            else self._shown_results(profile, conversion, plan)
        )
        self._payout = self._payout_view(profile, conversion)
        self.changed.emit()

    def _convert(self, profile: RateProfile) -> tuple[Conversion | None, TargetPlan | None]:
        rates = self._session.settings.exchange_rates
        driver = self._driver
        if driver is Driver.COINS:
            coins = parse_count(self._texts[COINS], LABELS[COINS])
            return convert_coins(coins, profile, rates), None
        if driver is Driver.GIFTS:
            return convert_coins(self._gifts.total_coins(), profile, rates), None
        if driver is Driver.DIAMONDS:
            self._typed_diamonds = parse_count(self._texts[DIAMONDS], LABELS[DIAMONDS])
            return convert_diamonds(self._typed_diamonds, profile, rates), None
        if driver is Driver.TARGET:
            plan = plan_for_target(parse_amount(self._texts[TARGET], LABELS[TARGET]), profile)
            return convert_coins(plan.coins_needed, profile, rates), plan
        return None, None

    # -- formatting --------------------------------------------------------------------------

    def _labels(self, profile: RateProfile) -> dict[str, str]:
        target = self._driver is Driver.TARGET
        coins_label = "Coins used"
        if target:
            coins_label = "Coins needed"
        elif self._driver is Driver.DIAMONDS:
            coins_label = "Coins of gifts"
        return {
            "coins_label": coins_label,
            "viewer_spend_label": "Viewers would pay" if target else "Viewers paid",
            "tiktok_label": f"TikTok's cut ({self._format.percent(profile.tiktok_share)})",
            "share_label": f"Your share ({self._format.percent(profile.creator_share)})",
            "local_label": f"Your share in {profile.currency}",
            "diamonds_label": "Diamonds needed" if target else "Diamonds",
        }

    def _heading(self, plan: TargetPlan | None) -> str:
        if self._driver is Driver.GIFTS:
            gifts = self._gifts.total_gifts()
            return f"From the {self._format.counted(gifts, 'gift')} counted"
        if plan is not None:
            target = self._format.money(plan.target_usd, creator=False)
            return f"What {target} to you takes (after payout fees)"
        return {
            Driver.NONE: "Type coins, diamonds or a target, or count gifts",
            Driver.COINS: "From the coins typed",
            Driver.DIAMONDS: "From the diamonds typed",
            Driver.TARGET: "From the target typed",
        }[self._driver]

    def _blank_results(self, profile: RateProfile) -> Results:
        return Results(
            heading=self._heading(None),
            coins=DASH,
            viewer_spend=DASH,
            tiktok_cut=DASH,
            creator_usd=DASH,
            creator_local=DASH,
            show_local=profile.currency != "USD",
            diamonds=DASH,
            **self._labels(profile),
        )

    def _shown_results(
        self, profile: RateProfile, conversion: Conversion, plan: TargetPlan | None
    ) -> Results:
        shown = conversion.shown()
        money = self._format.money
        diamonds = plan.diamonds_needed if plan is not None else shown.diamonds
        return Results(
            heading=self._heading(plan),
            coins=self._format.count(int(shown.coins)),
            viewer_spend=money(shown.viewer_spend_usd, creator=False),
            tiktok_cut=money(shown.tiktok_cut_usd, creator=False),
            creator_usd=money(shown.creator_usd),
            creator_local=money(shown.creator_local, conversion.currency),
            show_local=conversion.currency != "USD",
            diamonds=self._format.count(diamonds),
            **self._labels(profile),
        )

    def _payout_view(self, profile: RateProfile, conversion: Conversion | None) -> PayoutView:
        money, counted = self._format.money, self._format.counted
        balance = self._session.ledger.balance()
        alone = balance_status(balance, profile)
        extra = whole_diamonds(conversion.diamonds) if conversion is not None else None
        added = (extra or 0) * profile.diamond_usd  # this amount's cash, as the results say
        total = balance_status(balance.plus(extra or 0, profile), profile)
        ratio = min(total.progress, ONE)
        if total.withdrawable:
            missing = f"Ready to withdraw: {money(total.net_usd)} would arrive"
        else:
            missing = (
                f"{money(total.missing_usd, creator=False)} to go "
                f"({counted(total.missing_diamonds, 'more diamond')})"
            )
        return PayoutView(
            minimum=f"{money(profile.payout_minimum_usd)} via {profile.payout_method}",
            balance=f"{counted(alone.balance_diamonds, 'diamond')} = {money(alone.gross_usd)}",
            this_amount=DASH if extra is None else f"+{counted(extra, 'diamond')} = {money(added)}",
            total=f"{counted(total.balance_diamonds, 'diamond')} = {money(total.gross_usd)}",
            progress_permille=int(round_down(ratio * 1000, ONE)),
            progress_text=self._format.percent(ratio, 0),
            missing=missing,
            withdrawable=total.withdrawable,
        )


def _explain(field: str, error: InputError) -> str:
    """An input error as shown under its field: what is wrong and what is expected."""
    message = error.message
    if message.startswith("expected"):
        return message[0].upper() + message[1:]
    text = f"{LABELS.get(field, field)} {message}"
    if "expected" not in message and "whole number" not in message:
        text += f"; {_EXPECTED.get(field, 'expected a number')}"
    return text
