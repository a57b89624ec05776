"""The reader of TikTok's "Download your data" archive: layouts, values, refusals, privacy."""

from __future__ import annotations

import datetime as dt
import gc
import json
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest

from livetally.storage.tiktok_archive import (
    READ_SIZE,
    TikTokArchiveError,
    TikTokHistory,
    TikTokLive,
    WalletStatus,
    read_tiktok_archive,
)
from tests.tiktok_fixtures import (
    SECRET,
    TXT_FILES,
    document,
    live,
    write_folder,
    write_json,
    write_zip,
)

UTC = dt.UTC


def read_one(tmp_path: Path, item: dict[str, Any]) -> TikTokHistory:
    return read_tiktok_archive(write_json(tmp_path / "user_data_tiktok.json", document([item])))


def only_live(history: TikTokHistory) -> TikTokLive:
    assert len(history.lives) == 1, history.summary()
    return history.lives[0]


def refusal(path: Path) -> str:
    with pytest.raises(TikTokArchiveError) as caught:
        read_tiktok_archive(path)
    message = caught.value.message
    assert "\n" not in message
    assert SECRET not in message
    assert str(caught.value) == message
    return message


# -- where the export is -------------------------------------------------------------------


@pytest.mark.parametrize(
    "member",
    [
        "user_data_tiktok.json",
        "TikTok_Data_1741900000/user_data_tiktok.json",
        "user_data.json",
        "export/user_data.json",
    ],
)
def test_a_zip_is_read_with_its_json_at_the_top_or_in_one_folder(
    tmp_path: Path, member: str
) -> None:
    path = write_zip(tmp_path / "export.zip", document([live(1), live(2)]), member=member)

    history = read_tiktok_archive(path)

    assert [item.position for item in history.lives] == [1, 2]
    assert history.source == f"{path}: {member}"
    assert history.listed == 2


def test_the_newer_json_wins_when_a_zip_holds_both_names(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data/user_data.json", json.dumps(document([live(1)])))
        archive.writestr("data/user_data_tiktok.json", json.dumps(document([live(2), live(3)])))

    history = read_tiktok_archive(path)

    assert [item.diamonds for item in history.lives] == [200, 300]


def test_a_zip_written_with_windows_separators_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("TikTok\\user_data_tiktok.json", json.dumps(document([live(7)])))

    assert only_live(read_tiktok_archive(path)).diamonds == 700


def test_a_json_deeper_than_one_folder_is_not_taken(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "export.zip", document([live()]), member="a/b/user_data.json")

    assert "holds no TikTok data" in refusal(path)


def test_two_exports_in_one_zip_are_refused_by_name(tmp_path: Path) -> None:
    path = write_zip(
        tmp_path / "two.zip",
        document([live()]),
        member="one/user_data_tiktok.json",
        extra={"two/user_data_tiktok.json": b"{}"},
    )

    message = refusal(path)

    assert "more than one TikTok export" in message
    assert "one/user_data_tiktok.json" in message
    assert "two/user_data_tiktok.json" in message


@pytest.mark.parametrize("member", ["user_data_tiktok.json", "TikTok_Data/user_data.json"])
def test_an_unpacked_folder_is_read(tmp_path: Path, member: str) -> None:
    folder = write_folder(tmp_path / "unpacked", document([live(4)]), member=member)

    history = read_tiktok_archive(folder)

    assert only_live(history).diamonds == 400
    assert history.source == str(folder / member)


def test_the_bare_json_file_is_read_even_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = write_json(tmp_path / "user_data.json", document([live(5)]), prefix=b"\xef\xbb\xbf")

    assert only_live(read_tiktok_archive(path)).diamonds == 500


def test_reading_writes_nothing_next_to_the_archive(tmp_path: Path) -> None:
    write_zip(tmp_path / "export.zip", document([live()]), filler=100_000)
    before = sorted(tmp_path.rglob("*"))

    read_tiktok_archive(tmp_path / "export.zip")

    assert sorted(tmp_path.rglob("*")) == before


# -- names without regard to case ------------------------------------------------------------


@pytest.mark.parametrize("section", ["Tiktok Live", "TikTok Live", "TIKTOK LIVE", "tiktok live"])
def test_the_live_section_is_found_in_any_case(tmp_path: Path, section: str) -> None:
    path = write_json(tmp_path / "u.json", document([live(3)], section=section))

    assert only_live(read_tiktok_archive(path)).diamonds == 300


def test_history_list_and_field_names_are_matched_in_any_case(tmp_path: Path) -> None:
    item = {key.lower(): value for key, value in live(2).items()}
    item["ROOMTITLE"] = item.pop("roomtitle")
    doc = document([item], history="go live HISTORY", list_key="goLiveList")

    found = only_live(read_tiktok_archive(write_json(tmp_path / "u.json", doc)))

    assert found == TikTokLive(
        position=1,
        room_id="7481234567890123002",
        started_at=dt.datetime(2025, 3, 2, 19, 0, tzinfo=UTC),
        duration_seconds=5400,
        diamonds=200,
        likes=1002,
        views=502,
        gifters=12,
        title="LIVE number 2",
    )


# -- values ------------------------------------------------------------------------------------


BLANK_VALUES = [None, "", "N/A", "  n/a "]


@pytest.mark.parametrize("field", ["TotalLike", "TotalView", "TotalGifter"])
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1500, 1500),
        ("1500", 1500),
        (" 1500 ", 1500),
        ("1500.0", 1500),
        (0, 0),
        *((blank, None) for blank in BLANK_VALUES),
    ],
)
def test_counts_are_read_from_numbers_and_numeric_strings(
    tmp_path: Path, field: str, raw: Any, expected: int | None
) -> None:
    found = only_live(read_one(tmp_path, live(1, **{field: raw})))
    attribute = {"TotalLike": "likes", "TotalView": "views", "TotalGifter": "gifters"}[field]

    assert getattr(found, attribute) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (12.5, "TotalView is 12.5, not a whole number"),
        ("12.5", "TotalView is '12.5', not a whole number"),
        (-3, "TotalView is -3, a negative number"),
        ("1,200", "TotalView is '1,200', not a number"),
        (True, "TotalView is True, not a number"),
        ([1], "TotalView is a list or an object, not a number"),
        (1e30, "too large"),
    ],
)
def test_an_unreadable_count_is_left_empty_and_noted(tmp_path: Path, raw: Any, reason: str) -> None:
    history = read_one(tmp_path, live(1, TotalView=raw))

    assert only_live(history).views is None
    assert only_live(history).diamonds == 100
    assert len(history.blanks) == 1
    assert reason in str(history.blanks[0])
    assert str(history.blanks[0]).startswith("LIVE 1: ")


def test_a_field_missing_entirely_is_empty_without_a_note(tmp_path: Path) -> None:
    history = read_one(
        tmp_path, live(1, drop=["TotalLike", "TotalView", "TotalGifter", "RoomTitle", "RoomId"])
    )

    found = only_live(history)
    assert (found.likes, found.views, found.gifters, found.title, found.room_id) == (
        None,
        None,
        None,
        "",
        None,
    )
    assert history.blanks == ()


@pytest.mark.parametrize(
    ("raw", "expected"), [(1200, 1200), ("1200", 1200), (0, 0), *((b, None) for b in BLANK_VALUES)]
)
def test_total_earning_is_the_diamonds(tmp_path: Path, raw: Any, expected: int | None) -> None:
    assert only_live(read_one(tmp_path, live(1, TotalEarning=raw))).diamonds == expected


def test_missing_total_earning_leaves_the_diamonds_empty(tmp_path: Path) -> None:
    assert only_live(read_one(tmp_path, live(1, drop=["TotalEarning"]))).diamonds is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (12.5, "TotalEarning is 12.5, not a whole number of diamonds"),
        ("12.50", "TotalEarning is '12.50', not a whole number of diamonds"),
        (-40, "TotalEarning is -40, a negative number of diamonds"),
        ("1,200", "TotalEarning is '1,200', not a number of diamonds"),
        ("$12", "TotalEarning is '$12', not a number of diamonds"),
        ({"Diamonds": 5}, "TotalEarning is a list or an object, not a number of diamonds"),
    ],
)
def test_diamonds_that_cannot_be_read_for_certain_refuse_the_live(
    tmp_path: Path, raw: Any, reason: str
) -> None:
    doc = document([live(1), live(2, TotalEarning=raw), live(3)])

    history = read_tiktok_archive(write_json(tmp_path / "u.json", doc))

    assert [item.position for item in history.lives] == [1, 3]
    assert [str(item) for item in history.skipped] == [f"LIVE 2: {reason}"]


def test_the_diamonds_keep_every_digit_of_a_big_figure(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    path.write_text(
        '{"Tiktok Live": {"Go Live History": {"GoLiveList": [{"LiveStartTime": '
        '"2025-03-01 19:00:00", "TotalEarning": 123456789012345, "TotalLike": 1.0}]}}}'
    )

    found = only_live(read_tiktok_archive(path))

    assert found.diamonds == 123456789012345
    assert found.likes == 1


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, 5400),  # the end minus the start
        ({"LiveEndTime": None}, 5400),  # LiveDuration in seconds
        ({"LiveEndTime": "N/A", "LiveDuration": "3600"}, 3600),
        ({"LiveEndTime": "", "LiveDuration": "1:02:03"}, 3723),
        ({"LiveEndTime": "", "LiveDuration": "12:00:00"}, 43200),
        ({"LiveEndTime": "2025-03-01 19:00:59", "LiveDuration": 99}, 59),
        ({"LiveEndTime": None, "LiveDuration": None}, None),
        ({"LiveEndTime": None, "LiveDuration": "N/A"}, None),
    ],
)
def test_the_duration_comes_from_the_end_time_else_live_duration(
    tmp_path: Path, fields: dict[str, Any], expected: int | None
) -> None:
    history = read_one(tmp_path, live(1, **fields))

    assert only_live(history).duration_seconds == expected
    assert history.blanks == ()


@pytest.mark.parametrize(
    ("fields", "expected", "reason"),
    [
        ({"LiveEndTime": "2025-03-01 18:00:00"}, 5400, "LiveEndTime is before LiveStartTime"),
        ({"LiveEndTime": "soon"}, 5400, "LiveEndTime is 'soon', not a date and time"),
        ({"LiveEndTime": None, "LiveDuration": "1:75:00"}, None, "not seconds or H:MM:SS"),
        ({"LiveEndTime": None, "LiveDuration": 5400.5}, None, "not a whole number of seconds"),
        ({"LiveEndTime": None, "LiveDuration": 5_400_000}, None, "longer than a week"),
    ],
)
def test_an_unreadable_end_or_duration_is_noted(
    tmp_path: Path, fields: dict[str, Any], expected: int | None, reason: str
) -> None:
    history = read_one(tmp_path, live(1, **fields))

    assert only_live(history).duration_seconds == expected
    assert any(reason in str(blank) for blank in history.blanks), history.blanks


def test_start_times_are_utc_and_an_offset_is_respected(tmp_path: Path) -> None:
    doc = document(
        [
            live(1, LiveStartTime="2025-03-14 19:02:11", LiveEndTime=None),
            live(2, LiveStartTime="2025-03-14T21:02:11+02:00", LiveEndTime=None),
            live(3, LiveStartTime="2025-03-14T19:02:11Z", LiveEndTime=None),
        ]
    )

    history = read_tiktok_archive(write_json(tmp_path / "u.json", doc))

    expected = dt.datetime(2025, 3, 14, 19, 2, 11, tzinfo=UTC)
    assert [item.started_at for item in history.lives] == [expected] * 3
    assert all(item.started_at.utcoffset() == dt.timedelta(0) for item in history.lives)


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (None, "no LiveStartTime"),
        ("", "no LiveStartTime"),
        ("N/A", "no LiveStartTime"),
        ("yesterday", "LiveStartTime is 'yesterday', not a date and time"),
        ("2025-03-14", "not a date and time"),
        (1741978931, "LiveStartTime is 1741978931, not a date and time"),
        ("2025-02-30 19:00:00", "not a real date and time"),
        ("1970-01-01 00:00:00", "before TikTok LIVE existed"),
    ],
)
def test_a_live_without_a_usable_start_is_skipped_with_its_position(
    tmp_path: Path, start: Any, reason: str
) -> None:
    doc = document([live(1), live(2, LiveStartTime=start), live(3)])

    history = read_tiktok_archive(write_json(tmp_path / "u.json", doc))

    assert [item.position for item in history.lives] == [1, 3]
    assert len(history.skipped) == 1
    assert history.skipped[0].position == 2
    assert reason in history.skipped[0].reason
    assert "1 skipped" in history.summary()[0]


def test_a_live_with_no_start_field_at_all_is_skipped(tmp_path: Path) -> None:
    history = read_one(tmp_path, live(1, drop=["LiveStartTime"]))

    assert history.lives == ()
    assert [str(item) for item in history.skipped] == ["LIVE 1: no LiveStartTime"]


def test_an_item_that_is_not_an_object_is_skipped(tmp_path: Path) -> None:
    doc = document(["not a live", [1, 2], live(3)])

    history = read_tiktok_archive(write_json(tmp_path / "u.json", doc))

    assert [item.position for item in history.lives] == [3]
    assert [item.position for item in history.skipped] == [1, 2]


@pytest.mark.parametrize("room", [7481234567890123456, "7481234567890123456"])
def test_the_room_id_is_kept_as_text(tmp_path: Path, room: Any) -> None:
    assert only_live(read_one(tmp_path, live(1, RoomId=room))).room_id == "7481234567890123456"


def test_a_field_given_twice_with_different_values_is_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    path.write_text(
        '{"Tiktok Live": {"Go Live History": {"GoLiveList": [{"LiveStartTime": '
        '"2025-03-01 19:00:00", "TotalEarning": 5, "totalearning": 50}]}}}'
    )

    history = read_tiktok_archive(path)

    assert history.lives == ()
    assert "TotalEarning appears twice with different values" in history.skipped[0].reason


# -- repeats -------------------------------------------------------------------------------------


def test_a_live_listed_twice_is_read_once(tmp_path: Path) -> None:
    doc = document([live(1), live(2), live(1), {**live(1), "TotalLike": "1001"}])

    history = read_tiktok_archive(write_json(tmp_path / "u.json", doc))

    assert [item.position for item in history.lives] == [1, 2]
    assert [str(item) for item in history.repeats] == [
        "LIVE 3: the same LIVE as LIVE 1 (RoomId 7481234567890123001)",
        "LIVE 4: the same LIVE as LIVE 1 (RoomId 7481234567890123001)",
    ]
    assert history.skipped == ()
    assert history.listed == 4


def test_a_room_listed_twice_with_other_figures_is_read_neither_time(tmp_path: Path) -> None:
    doc = document([live(1), live(2), live(1, TotalEarning=999)])

    history = read_tiktok_archive(write_json(tmp_path / "u.json", doc))

    assert [item.position for item in history.lives] == [2]
    assert [item.position for item in history.skipped] == [1, 3]
    assert "RoomId 7481234567890123001 is also LIVE 3" in history.skipped[0].reason


def test_lives_without_a_room_id_are_all_kept(tmp_path: Path) -> None:
    doc = document([live(1, RoomId=None), live(1, RoomId="N/A")])

    assert len(read_tiktok_archive(write_json(tmp_path / "u.json", doc)).lives) == 2


# -- nothing to import ---------------------------------------------------------------------------


@pytest.mark.parametrize("lives", [None, [], "", "N/A"])
def test_an_export_without_lives_has_nothing_to_import(tmp_path: Path, lives: Any) -> None:
    history = read_tiktok_archive(write_zip(tmp_path / "e.zip", document(lives)))

    assert (history.listed, history.lives, history.skipped) == (0, (), ())
    assert "there is nothing to import" in history.summary()[0]


def test_a_null_go_live_history_has_nothing_to_import(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    path.write_text('{"TikTok Live": {"Go Live History": null}}')

    assert read_tiktok_archive(path).listed == 0


# -- bad archives: one line each, and nothing read ---------------------------------------------


def test_the_txt_variant_is_refused_with_how_to_get_the_json(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "txt.zip", None, extra=TXT_FILES)

    message = refusal(path)

    assert message.startswith(f"{path}: this is TikTok's TXT export; LiveTally reads the JSON")
    assert "Download your data, choose JSON" in message


def test_the_txt_variant_is_recognised_unpacked_or_as_one_file(tmp_path: Path) -> None:
    folder = tmp_path / "unpacked"
    for name, data in TXT_FILES.items():
        (folder / "TikTok_Data" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "TikTok_Data" / name).write_bytes(data)

    assert "TXT export" in refusal(folder)
    assert "TXT export" in refusal(folder / "TikTok_Data" / "Tiktok Live" / "Go Live History.txt")


def test_a_damaged_zip_is_refused(tmp_path: Path) -> None:
    whole = write_zip(tmp_path / "whole.zip", document([live()]), filler=200_000)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])

    assert refusal(cut) == (
        f"{cut}: the ZIP archive is damaged or incomplete (was the download cut short?); "
        "download it again from TikTok"
    )


def test_a_zip_whose_data_is_corrupt_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "e.zip", document([live()]), filler=200_000)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))

    assert "damaged" in refusal(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n not a zip", "not a ZIP archive or a JSON file"),
        (b"Hello, this is text", "not a ZIP archive or a JSON file"),
    ],
)
def test_a_file_that_is_no_archive_is_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(content)

    assert expected in refusal(path)


def test_a_zip_without_tiktok_data_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "photos.zip", None, extra={"holiday/notes.txt": b"x"})

    assert refusal(path) == (
        f"{path}: holds no TikTok data (no user_data_tiktok.json or user_data.json in it)"
    )


def test_a_folder_without_tiktok_data_is_refused(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text("{}")

    assert "holds no TikTok data" in refusal(tmp_path)


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nope.zip") == f"{tmp_path / 'nope.zip'}: no such file or folder"


@pytest.mark.parametrize(
    "doc",
    [
        {"Profile": {"x": SECRET}},
        {"Tiktok Live": {"Watch Live History": {"x": SECRET}}},
        {"Tiktok Live": None},
        {"Live": {"Go Live History": {"GoLiveList": []}}},
    ],
)
def test_json_without_go_live_history_is_refused(tmp_path: Path, doc: dict[str, Any]) -> None:
    path = write_zip(tmp_path / "e.zip", doc)

    message = refusal(path)

    assert message.startswith(f"{path}: user_data_tiktok.json: holds no 'Go Live History'")


@pytest.mark.parametrize(
    "history",
    [
        '{"LiveList": []}',
        '{"GoLiveList": "three"}',
        '{"GoLiveList": {"1": {}}}',
        "[1, 2]",
    ],
)
def test_a_go_live_history_of_unknown_layout_is_refused(tmp_path: Path, history: str) -> None:
    path = tmp_path / "u.json"
    path.write_text(f'{{"Tiktok Live": {{"Go Live History": {history}}}}}')

    assert "is not laid out as LiveTally knows it" in refusal(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[{"Tiktok Live": 1}]', "not a TikTok data export (its JSON is not an object"),
        ('"text"', "not a ZIP archive or a JSON file"),
    ],
)
def test_json_that_is_not_an_object_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "u.json"
    path.write_text(text)

    assert expected in refusal(path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace(f'"Content": "{SECRET}"', f'"Content": {SECRET}'),
        lambda text: text + ' {"more": 1}',
    ],
)
def test_damaged_json_is_refused_without_quoting_it(tmp_path: Path, damage: Any) -> None:
    """yajl's own error messages quote the text around the fault: a direct message here."""
    source = write_json(tmp_path / "whole.json", document([live()]))
    path = tmp_path / "user_data_tiktok.json"
    path.write_text(damage(source.read_text()))

    assert refusal(path) == (
        f"{path}: the file is damaged (it is not complete, valid JSON); download the archive again"
    )


# -- privacy -------------------------------------------------------------------------------------


def test_nothing_from_other_sections_reaches_the_result(tmp_path: Path) -> None:
    doc = document(
        [live(1, RoomTitle=None), live(2, TotalView="x"), live(3, LiveStartTime="")],
        wallet={"Transaction History": {"TransactionsList": [{"Note": SECRET}]}},
    )

    history = read_tiktok_archive(write_zip(tmp_path / "e.zip", doc, filler=50_000))

    assert SECRET not in repr(history)
    assert SECRET not in "\n".join(history.summary())


# -- the wallet ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wallet", "status", "records"),
    [
        (None, WalletStatus.ABSENT, 0),
        (
            {
                "Coin Purchase History": {"CoinPurchaseHistoryList": [{"CoinAmount": 100}]},
                "Transaction History": {"TransactionsList": None},
            },
            WalletStatus.EMPTY,
            0,
        ),
        ({"Transaction History": {"TransactionsList": []}}, WalletStatus.EMPTY, 0),
        (
            {"Transaction History": {"TransactionsList": [{"Amount": "50"}, {"Amount": [1]}]}},
            WalletStatus.UNVERIFIED,
            2,
        ),
        ({"Transaction History": {"Withdrawals": [{"Amount": 5}]}}, WalletStatus.UNVERIFIED, 0),
        ({"Balance": 12}, WalletStatus.UNVERIFIED, 0),
        ({}, WalletStatus.UNVERIFIED, 0),
    ],
)
def test_the_wallet_is_described_but_never_read(
    tmp_path: Path, wallet: dict[str, Any] | None, status: WalletStatus, records: int
) -> None:
    history = read_tiktok_archive(
        write_json(tmp_path / "u.json", document([live()], wallet=wallet))
    )

    assert (history.wallet.status, history.wallet.records) == (status, records)
    assert history.summary()[-1] == history.wallet.describe()
    told_to_enter = "enter your payouts yourself" in history.wallet.describe()
    assert told_to_enter == (status is not WalletStatus.EMPTY)


def test_the_wallet_summary_counts_its_records(tmp_path: Path) -> None:
    wallet = {"Transaction History": {"TransactionsList": [{"A": 1}, {"A": 2}, {"A": 3}]}}

    history = read_tiktok_archive(write_json(tmp_path / "u.json", document([], wallet=wallet)))

    assert "lists 3 transactions in a layout nobody has verified" in history.summary()[-1]


# -- progress and cancelling ---------------------------------------------------------------------


def test_progress_is_told_bytes_read_up_to_the_whole_file(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "e.zip", document([live()]), filler=3 * READ_SIZE)
    size = zipfile.ZipFile(path).infolist()[0].file_size
    seen: list[tuple[int, int]] = []

    read_tiktok_archive(path, progress=lambda done, total: seen.append((done, total)))

    assert len(seen) >= 3
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (size, size)
    assert all(total == size for _, total in seen)


class Cancelled(Exception):
    pass


@pytest.mark.parametrize("error", [Cancelled, OSError])
def test_raising_from_progress_cancels_the_reading(tmp_path: Path, error: type[Exception]) -> None:
    path = write_zip(tmp_path / "e.zip", document([live()]), filler=3 * READ_SIZE)
    calls: list[int] = []

    def cancel(done: int, total: int) -> None:
        calls.append(done)
        raise error("stop")

    with pytest.raises(error, match="stop"):
        read_tiktok_archive(path, progress=cancel)
    assert len(calls) == 1


# -- memory ------------------------------------------------------------------------------------


def peak_while_reading(path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        history = read_tiktok_archive(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(history.lives) == 3
    return peak


def test_peak_memory_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    doc = document([live(1), live(2), live(3)])
    small = write_zip(tmp_path / "small.zip", doc, filler=5_000_000)
    large = write_zip(tmp_path / "large.zip", doc, filler=50_000_000)

    small_peak = peak_while_reading(small)
    large_peak = peak_while_reading(large)

    # Ten times the data; the peak is the read buffers and the parser's state either way.
    assert large_peak < small_peak * 1.5 + 256 * 1024, (small_peak, large_peak)
    assert large_peak < 10_000_000
