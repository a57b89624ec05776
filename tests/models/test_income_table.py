"""The income table: entries as logged plus LIVE gifts per month, converted and filtered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester

from livetally.core.money import InputError
from livetally.core.rates import ExchangeRates, RateProfile
from livetally.core.records import (
    LIVE_GIFTS_SOURCE,
    IncomeRecord,
    LoggedIncome,
    LoggedStream,
    StreamRecord,
)
from livetally.models.formatting import Formatter
from livetally.models.income_table import (
    DERIVED_ROLE,
    ENTRY_ROLE,
    IncomeColumn,
    IncomeFilterProxy,
    IncomeTableModel,
    monthly_live_income,
)
from livetally.models.table_roles import NUMBER_ALIGNMENT, SORT_ROLE, TEXT_ALIGNMENT
from livetally.storage.ledger import Ledger
from tests.models.test_stream_table import stream
from tests.oracles import live_days

US = Formatter(QLocale("en_US"))
RATES = ExchangeRates({"EUR": Decimal("0.9"), "JPY": Decimal(150)})
ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def entry(
    income_id: int,
    date: str,
    source: str,
    amount: str,
    currency: str = "USD",
    description: str = "",
) -> LoggedIncome:
    return LoggedIncome(
        income_id,
        IncomeRecord(dt.date.fromisoformat(date), source, Decimal(amount), currency, description),
    )


def entries() -> list[LoggedIncome]:
    return [
        entry(1, "2026-03-15", "sponsorship", "250.00", "USD", "Energy drink spot"),
        entry(2, "2026-03-01", "affiliate", "90", "EUR", "Ring light link"),
        entry(3, "2026-04-02", "merchandise", "1500", "JPY", "Stickers"),
        entry(4, "2026-04-02", "merchandise", "0.005", "USD", "Rounding test"),
        entry(5, "2026-02-10", "Patreon", "10", "GBP", "No rate for this one"),
    ]


def streams() -> list[LoggedStream]:
    return [
        stream(10, "2026-03-01T19:30:00+09:00", 10_000),  # $50 in March
        stream(11, "2026-03-20T10:00:00Z", 81, diamonds=Decimal("8")),  # $0.40 in March
        # Late on March 31 in New York: April in UTC, March for the creator.
        stream(12, "2026-03-31T23:30:00-05:00", 2_000),  # $10 in March
        stream(13, "2026-04-10T10:00:00Z", 100),  # $0.50 in April
    ]


def loaded(
    currency: str = "USD",
    logged: list[LoggedIncome] | None = None,
    live: list[LoggedStream] | None = None,
) -> tuple[IncomeTableModel, IncomeFilterProxy]:
    model = IncomeTableModel(formatter=US)
    proxy = IncomeFilterProxy()
    proxy.setSourceModel(model)
    model.set_data(
        entries() if logged is None else logged,
        live_days(streams() if live is None else live),
        RATES,
        currency,
    )
    return model, proxy


def column(model: IncomeTableModel | IncomeFilterProxy, which: IncomeColumn) -> list[str]:
    return [model.index(row, which).data() for row in range(model.rowCount())]


def ids(proxy: IncomeFilterProxy) -> list[int | None]:
    """Entry ids in view order; derived LIVE rows show as their month, e.g. "2026-03"."""
    shown: list[int | None] = []
    for row in range(proxy.rowCount()):
        found = proxy.index(row, 0).data(ENTRY_ROLE)
        shown.append(found.id if found is not None else None)
    return shown


# -- Qt model contract ---------------------------------------------------------------------


def test_the_model_and_proxy_keep_the_qt_model_contract(qtmodeltester: ModelTester) -> None:
    model, proxy = loaded()
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.set_text("merch")
    proxy.sort(IncomeColumn.CONVERTED, DESC)
    model.set_data(entries()[:2], [], RATES, "EUR")


def test_empty_model_and_proxy_keep_the_qt_model_contract(qtmodeltester: ModelTester) -> None:
    model, proxy = loaded(logged=[], live=[])
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_proxy_refuses_other_models() -> None:
    with pytest.raises(TypeError):
        IncomeFilterProxy().setSourceModel(QSortFilterProxyModel())


# -- derived LIVE gift rows -----------------------------------------------------------------


def test_live_gifts_are_one_row_per_month_on_the_creators_own_clock() -> None:
    assert monthly_live_income(live_days(streams())) == [
        (dt.date(2026, 3, 1), Decimal("60.4"), 3),
        (dt.date(2026, 4, 1), Decimal("0.5"), 1),
    ]
    assert monthly_live_income([]) == []


def test_rows_are_in_date_order_with_each_month_of_live_gifts_first() -> None:
    model, _ = loaded()
    assert [model.row_at(r).date.isoformat() for r in range(model.rowCount())] == [
        "2026-02-10",
        "2026-03-01",  # LIVE gifts for March, dated its first day
        "2026-03-01",  # the affiliate entry of the same day comes after it
        "2026-03-15",
        "2026-04-01",
        "2026-04-02",
        "2026-04-02",
    ]
    assert [model.entry_at(r) is None for r in range(model.rowCount())] == [
        False, True, False, False, True, False, False,
    ]  # fmt: skip
    assert [model.index(r, 0).data(DERIVED_ROLE) for r in range(model.rowCount())] == [
        False, True, False, False, True, False, False,
    ]  # fmt: skip


def test_a_derived_row_shows_the_months_live_cash_and_is_read_only() -> None:
    model, _ = loaded()
    march = [model.index(1, c).data() for c in IncomeColumn]
    assert march == ["March 2026", "LIVE gifts", "60.40", "USD", "$60.40", "From 3 streams"]
    april = model.index(4, IncomeColumn.DESCRIPTION).data()
    assert april == "From 1 stream"
    assert model.row_at(1).amount == Decimal("60.4")  # exact; rounded down only when shown
    assert model.row_at(1).source == LIVE_GIFTS_SOURCE
    font = model.index(1, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.italic()
    tip = model.index(1, IncomeColumn.AMOUNT).data(Qt.ItemDataRole.ToolTipRole)
    assert "stream log" in tip
    for row in range(model.rowCount()):
        for which in IncomeColumn:
            flags = model.flags(model.index(row, which))
            assert not flags & Qt.ItemFlag.ItemIsEditable
            assert flags & Qt.ItemFlag.ItemIsSelectable


# -- entries and conversion ------------------------------------------------------------------


def test_entries_show_their_own_currency_and_the_report_currency() -> None:
    model, _ = loaded("EUR")
    assert model.headerData(IncomeColumn.CONVERTED, Qt.Orientation.Horizontal) == "In EUR"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in IncomeColumn] == [
        "Date", "Source", "Amount", "Currency", "In EUR", "Description",
    ]  # fmt: skip
    by_id = {e.id: r for r in range(model.rowCount()) if (e := model.entry_at(r)) is not None}
    sponsorship = [model.index(by_id[1], c).data() for c in IncomeColumn]
    assert sponsorship == ["3/15/26", "Sponsorship", "250.00", "USD", "225.00 EUR",
                           "Energy drink spot"]  # fmt: skip
    affiliate = model.index(by_id[2], IncomeColumn.CONVERTED).data()
    assert affiliate == "90.00 EUR"
    yen = [model.index(by_id[3], c).data() for c in (IncomeColumn.AMOUNT, IncomeColumn.CONVERTED)]
    assert yen == ["1,500", "9.00 EUR"]  # no fractions of a yen; 1500 / 150 x 0.9
    march_live = model.index(1, IncomeColumn.CONVERTED).data()
    assert march_live == "54.36 EUR"  # 60.40 x 0.9 = 54.36
    assert model.entry_at(by_id[1]) == entries()[0]
    assert model.row_of_entry(3) == by_id[3]
    assert model.row_of_entry(99) is None


def test_an_entry_without_an_exchange_rate_shows_no_converted_amount() -> None:
    model, _ = loaded()
    row = model.row_of_entry(5)
    assert row is not None
    assert model.index(row, IncomeColumn.AMOUNT).data() == "10.00"
    assert model.index(row, IncomeColumn.CONVERTED).data() == ""
    tip = model.index(row, IncomeColumn.CONVERTED).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "No exchange rate for GBP in your settings"


def test_an_unknown_report_currency_is_refused_and_nothing_changes() -> None:
    model, _ = loaded()
    with pytest.raises(InputError, match="XYZ"):
        model.set_data([], [], RATES, "XYZ")
    assert model.rowCount() == 7
    assert model.report_currency == "USD"


def test_alignment_and_tooltips() -> None:
    model, _ = loaded()
    row = model.row_of_entry(1)
    assert row is not None
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(row, IncomeColumn.AMOUNT).data(alignment) == NUMBER_ALIGNMENT
    assert model.index(row, IncomeColumn.CONVERTED).data(alignment) == NUMBER_ALIGNMENT
    assert model.index(row, IncomeColumn.SOURCE).data(alignment) == TEXT_ALIGNMENT
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.index(row, IncomeColumn.SOURCE).data(tip) == "brand sponsorships"
    assert model.index(row, IncomeColumn.DATE).data(tip) == "2026-03-15"


# -- sorting ----------------------------------------------------------------------------------

#: Entry ids (None: a LIVE gifts row) in ascending order, grouped where the keys tie.
ASCENDING: dict[IncomeColumn, list[list[int | None]]] = {
    IncomeColumn.DATE: [[5], [None, 2], [1], [None], [3, 4]],
    IncomeColumn.SOURCE: [[2], [None, None], [3, 4], [5], [1]],  # live gifts, merchandise...
    # 0.005 USD < 0.5 (April LIVE) < 10 GBP < 60.40 (March LIVE) < 90 EUR < 250 < 1500 JPY
    IncomeColumn.AMOUNT: [[4], [None], [5], [None], [2], [1], [3]],
    IncomeColumn.CURRENCY: [[2], [5], [3], [None, 1, None, 4]],
    # no rate (blank) < $0.005 < $0.50 < $10 (1500 JPY) < $60.40 < $100 (90 EUR) < $250
    IncomeColumn.CONVERTED: [[5], [4], [None], [3], [None], [2], [1]],
    # "from 1 stream" (April) < "from 3 streams" (March)
    IncomeColumn.DESCRIPTION: [[1], [None], [None], [5], [2], [4], [3]],
}


@pytest.mark.parametrize("order", [ASC, DESC])
@pytest.mark.parametrize("which", list(IncomeColumn))
def test_every_column_sorts_by_its_exact_value_ties_in_date_order(
    which: IncomeColumn, order: Qt.SortOrder
) -> None:
    _model, proxy = loaded()
    assert proxy.rowCount() == 7  # a view has looked, so Qt keeps ties in place
    proxy.sort(which, order)
    groups = ASCENDING[which] if order == ASC else ASCENDING[which][::-1]
    assert ids(proxy) == [found for group in groups for found in group]


def test_amounts_sort_by_fractions_of_a_cent_the_screen_rounds_away() -> None:
    _model, proxy = loaded(
        logged=[
            entry(1, "2026-03-01", "other", "0.005"),
            entry(2, "2026-03-02", "other", "0.004"),
            entry(3, "2026-03-03", "other", "0.0045"),
        ],
        live=[],
    )
    proxy.sort(IncomeColumn.CONVERTED, ASC)
    assert ids(proxy) == [2, 3, 1]
    assert set(column(proxy, IncomeColumn.CONVERTED)) == {"$0.00"}
    proxy.sort(IncomeColumn.AMOUNT, DESC)
    assert ids(proxy) == [1, 3, 2]
    assert proxy.sortRole() == SORT_ROLE


# -- filters ----------------------------------------------------------------------------------


def test_date_range_keeps_a_month_of_live_gifts_by_its_first_day() -> None:
    _model, proxy = loaded()
    proxy.set_date_range(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert ids(proxy) == [None, 2, 1]
    proxy.set_date_range(dt.date(2026, 3, 2), None)
    assert ids(proxy) == [1, None, 3, 4]  # March's LIVE row is dated March 1: left out
    assert proxy.date_range == (dt.date(2026, 3, 2), None)
    proxy.set_date_range(None, None)
    assert proxy.rowCount() == 7


def test_source_filter_including_live_gifts() -> None:
    _model, proxy = loaded()
    proxy.set_source("Merchandise")
    assert ids(proxy) == [3, 4]
    proxy.set_source(LIVE_GIFTS_SOURCE)
    assert ids(proxy) == [None, None]
    assert [r.derived for r in proxy.visible_rows()] == [True, True]
    proxy.set_source("patreon")
    assert ids(proxy) == [5]
    proxy.set_source(None)
    assert proxy.source is None
    assert proxy.rowCount() == 7


def test_text_filter_matches_every_word_case_insensitively() -> None:
    _model, proxy = loaded()
    proxy.set_text("RING")
    assert ids(proxy) == [2]
    proxy.set_text("live gifts")
    assert ids(proxy) == [None, None]
    proxy.set_text("jpy stickers")
    assert ids(proxy) == [3]
    proxy.set_text("2026-04")
    assert ids(proxy) == [None, 3, 4]
    proxy.set_text("")
    assert proxy.text == ""
    assert proxy.rowCount() == 7


def test_filters_combine_and_survive_new_data() -> None:
    model, proxy = loaded()
    proxy.set_source("merchandise")
    proxy.set_text("round")
    assert ids(proxy) == [4]
    model.set_data(
        [*entries(), entry(6, "2026-05-01", "merchandise", "3", description="Round badges")],
        [],
        RATES,
        "USD",
    )
    assert ids(proxy) == [4, 6]


# -- LIVE gifts from the ledger's day totals --------------------------------------------------


def test_live_rows_equal_the_ledgers_own_month_totals(tmp_path: Path) -> None:
    """The table adds up the ledger's day totals; the months match stream by stream sums,
    across UTC offsets, two sets of rates and a month boundary on the creator's clock."""
    us = RateProfile("US", "United States", "USD")
    dearer = us.with_figures(diamond_usd=Decimal("0.07"))
    start = dt.datetime(2026, 1, 30, 21, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    records = [
        StreamRecord(
            (start + dt.timedelta(hours=9 * n)).isoformat(),
            (n * 7919) % 5003 + 1,
            duration_minutes=60,
            diamonds=Decimal(n // 8) if n % 3 == 0 else None,
        )
        for n in range(200)
    ]
    with Ledger.open(tmp_path / "ledger.sqlite3", tmp_path / "backups") as ledger:
        ledger.import_streams(records[:120], us)
        ledger.import_streams(records[120:], dearer)
        days = ledger.live_days()
        streams = ledger.streams()
    model = IncomeTableModel(formatter=US)
    model.set_data([], days, RATES, "USD")
    shown = [
        (row.date, row.amount, row.description)
        for row in (model.row_at(r) for r in range(model.rowCount()))
    ]
    expected: dict[dt.date, tuple[Decimal, int]] = {}
    for logged in streams:
        started = logged.record.started
        month = dt.date(started.year, started.month, 1)
        cash, count = expected.get(month, (Decimal(0), 0))
        expected[month] = (cash + logged.creator_usd, count + 1)
    assert shown == [
        (month, cash, f"From {count} streams") for month, (cash, count) in sorted(expected.items())
    ]
    assert len(shown) == 4  # January to April 2026


@pytest.mark.parametrize("order", [ASC, DESC])
@pytest.mark.parametrize("which", list(IncomeColumn))
def test_the_model_sorts_itself_in_the_order_qt_would_sort_it(
    which: IncomeColumn, order: Qt.SortOrder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One keyed sort instead of Qt asking data() twice per comparison (700,000 calls into
    Python for 20,000 entries), in the very order a plain Qt sort by SORT_ROLE gives."""
    model, proxy = loaded()
    plain = QSortFilterProxyModel()
    plain.setSourceModel(model)
    plain.setSortRole(SORT_ROLE)
    assert plain.rowCount() == 7  # a view has looked, so Qt keeps ties in place
    plain.sort(which, order)
    qt_order = [model.row_at(plain.mapToSource(plain.index(r, 0)).row()) for r in range(7)]
    plain.setSourceModel(IncomeTableModel())
    asked: list[int] = []
    data = IncomeTableModel.data

    def counted(self: IncomeTableModel, index: object, role: int = 0) -> object:
        asked.append(role)
        return data(self, index, role)  # type: ignore[arg-type]

    monkeypatch.setattr(IncomeTableModel, "data", counted)
    proxy.sort(which, order)
    assert SORT_ROLE not in asked
    assert proxy.sortColumn() == -1, "the proxy keeps the model's order"
    assert [model.row_at(r) for r in range(model.rowCount())] == qt_order
