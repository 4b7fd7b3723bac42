#!/usr/bin/env python3
"""Writes DeviceNetworkEvents.ndjson: a small, deterministic sample for the DattoRMM rule.

Run from anywhere: `python3 examples/data/generate.py`. The output is committed; this
script documents where it came from and regenerates it byte for byte.

The first rows are hand-picked cases (true matches and near misses of the rule in
queries/datto_rmm_network_connection.kql); EXPECTED.md walks through each of them. The
rest is background traffic to benign hosts, none of which can match the rule's URL
filter. now() is pinned at 2026-11-26T00:00:00Z, so the rule's window is
[2026-11-21T00:00:00Z, 2026-11-26T00:00:00Z], both ends included.
"""

import json
import os

MISSING = object()  # leave the field out of the JSON object entirely

DEVICES = {
    "D1": ("a1f0c0de0001", "wks-01.contoso.local"),
    "D2": ("a1f0c0de0002", "wks-02.contoso.local"),
    "D3": ("a1f0c0de0003", "srv-03.contoso.local"),
    "D4": ("a1f0c0de0004", "wks-04.contoso.local"),
    "D5": ("a1f0c0de0005", "wks-05.contoso.local"),
    "D5b": ("a1f0c0de0005", "wks-05b.contoso.local"),  # same device, renamed
    "D6": ("a1f0c0de0006", "lap-06.fabrikam.local"),
}

# (row, Timestamp, device, RemoteUrl, company, ReportId): see EXPECTED.md for the verdicts.
CASES = [
    (1, "2026-11-22T08:00:00Z", "D1", "rmm.datto.com", "CentraStage", 1001),
    (2, "2026-11-23T09:30:00Z", "D1", "rmm.datto.com", "CentraStage", 1002),
    (3, "2026-11-24T10:00:00Z", "D1", "rmm.datto.com", "CentraStage", 1001),
    (4, "2026-11-20T12:00:00Z", "D1", "rmm.datto.com", "CentraStage", 1003),
    (5, "2026-11-23T11:00:00Z", "D1", "rmm.datto.com", "Microsoft Corporation", 1004),
    (6, "2026-11-23T12:00:00Z", "D1", "rmm.datto.com", "Dattocorp Ltd", 1005),
    (7, "2026-11-23T13:00:00Z", "D1", "rmm.datto.com", "Kaseya2", 1006),
    (8, "2026-11-21T00:00:00Z", "D1", "agent.centrastage.net", "Datto Inc", 1010),
    (9, "2026-11-25T12:00:00Z", "D1", "agent.centrastage.net", "Datto Inc", 1011),
    (10, "2026-11-20T23:59:59.999Z", "D1", "agent.centrastage.net", "Datto Inc", 1012),
    (11, "2026-11-20T23:59:59.9999999Z", "D1", "agent.centrastage.net", "Datto Inc", 1013),
    (12, "2026-11-26T00:00:00Z", "D2", "audit.centrastage.net", "Kaseya", 2001),
    (13, "2026-11-25T23:00:00Z", "D2", "audit.centrastage.net", "Kaseya", 2002),
    (14, "2026-11-26T00:00:00.0000001Z", "D2", "audit.centrastage.net", "Kaseya", 2003),
    (15, "2026-11-26T00:00:00.001Z", "D2", "audit.centrastage.net", "Kaseya", 2004),
    (16, "2026-11-24T01:00:00Z", "D2", "RMM.DATTO.COM", "CENTRASTAGE", 2010),
    (17, "2026-11-24T02:00:00Z", "D2", "xrmm.datto.com", "CentraStage", 2011),
    (18, "2026-11-24T03:00:00Z", "D2", "rmm.datto.comx", "CentraStage", 2012),
    (19, "2026-11-24T04:00:00Z", "D2", "agent.centrastage.network", "CentraStage", 2013),
    (20, "2026-11-24T05:00:00Z", "D2", "agents.centrastage.net", "CentraStage", 2014),
    (21, "2026-11-24T06:00:00Z", "D2", "centrastage.net", "CentraStage", 2015),
    (22, "2026-11-24T07:00:00Z", "D2", "rmm.datto.co", "CentraStage", 2016),
    (23, "2026-11-24T08:00:00Z", "D2", "datto.com", "CentraStage", 2017),
    (24, "2026-11-24T09:00:00Z", "D2", "rmm-datto.com", "CentraStage", 2018),
    (25, "2026-11-24T10:00:00Z", "D2", "rmm.datto.company.example", "CentraStage", 2019),
    (26, "2026-11-22T14:00:00Z", "D3", "rmm.datto.com.evil.net", "Datto", 3001),
    (27, "2026-11-22T15:00:00Z", "D3", "https://rmm.datto.com/path", "", 3002),
    (28, "2026-11-22T16:00:00Z", "D3", "https://rmm.datto.com/path", MISSING, 3003),
    (29, "2026-11-22T17:00:00Z", "D3", "https://rmm.datto.com/path", None, 3002),
    (30, "2026-11-23T00:00:00Z", "D3", "monitoring.centrastage.net:443", "CentraStage Ltd.", 3010),
    (31, "2026-11-23T00:30:00Z", "D3", "monitoring.centrastage.net:443", "CentraStage Ltd.", None),
    (32, "2026-11-23T01:00:00Z", "D3", "monitoring.centrastage.net:443", "CentraStage Ltd.", 3010),
    (33, "2026-11-25T08:00:00Z", "D4", "eu.agent.centrastage.net", "CentraStage", 4001),
    (34, "2026-11-25T09:00:00Z", "D4", "eu.agent.centrastage.net", "Kaseya-US LLC", 4002),
    (35, "2026-11-21T06:00:00Z", "D4", "agent-comms.centrastage.net", "datto", 4010),
    (36, "2026-11-21T07:00:00Z", "D4", "agent-notifications.centrastage.net", "Datto, Inc.", 4011),
    (37, "2026-11-21T08:00:00Z", "D4", "update.centrastage.net", "Kaseya", 4012),
    (38, "2026-11-21T09:00:00Z", "D4", "update.centrastage.net", "Centra Stage", 4013),
    (39, "2026-11-21T10:00:00Z", "D4", "update.centrastage.net", "NotKaseya", 4014),
    (40, "2026-11-22T00:00:00Z", "D5", "ts.centrastage.net", "CentraStage", 5001),
    (41, "2026-11-22T00:00:01Z", "D5", "ts.centrastage.net", "CentraStage", 5002),
    (42, "2026-11-25T00:00:00Z", "D5b", "ts.centrastage.net", "CentraStage", 5003),
    (43, "2026-11-24T12:00:00Z", "D6", "RealTime.CentraStage.Net", "Kaseya", 6001),
    (44, "2026-11-24T12:30:00Z", "D6", "realtime.centrastage.net", MISSING, 6002),
    (45, None, "D6", "realtime.centrastage.net", "Kaseya", 6003),
    (46, MISSING, "D6", "realtime.centrastage.net", "Kaseya", 6004),
    (47, "2026-11-01T00:00:00Z", "D6", "realtime.centrastage.net", "Kaseya", 6005),
    (48, "2026-12-01T00:00:00Z", "D6", "realtime.centrastage.net", "Kaseya", 6006),
    (49, "2026-11-24T13:00:00Z", "D6", "", "", 6007),
    (50, "2026-11-24T14:00:00Z", "D6", MISSING, "Datto", 6008),
]

# Background traffic: hosts that contain no needle of the rule (checked below), some
# deliberately close to them (backup.datto.com, www.centrastage.com, cdn.kaseya.net).
BENIGN_URLS = [
    "www.bing.com",
    "login.microsoftonline.com",
    "update.microsoft.com",
    "settings-win.data.microsoft.com",
    "github.com",
    "api.slack.com",
    "outlook.office365.com",
    "ctldl.windowsupdate.com",
    "www.google.com",
    "backup.datto.com",
    "www.centrastage.com",
    "cdn.kaseya.net",
    "",
]
BENIGN_COMPANIES = ["Microsoft Corporation", "Google LLC", "Datto Inc", "CentraStage", "Kaseya", "", "Slack Technologies"]
BENIGN_PROCESSES = ["svchost.exe", "chrome.exe", "msedge.exe", "OneDrive.exe", "slack.exe", "AEMAgent.exe"]
BACKGROUND_ROWS = 200


def lcg(seed):
    """A tiny deterministic generator, so the output never depends on Python's RNG."""
    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield state >> 33


def row(ts, device, url, company, report_id, ip, port, process, action="ConnectionSuccess"):
    device_id, device_name = DEVICES[device]
    fields = [
        ("Timestamp", ts),
        ("DeviceId", device_id),
        ("DeviceName", device_name),
        ("ActionType", action),
        ("RemoteIP", ip),
        ("RemotePort", port),
        ("RemoteUrl", url),
        ("Protocol", "Tcp"),
        ("InitiatingProcessFileName", process),
        ("InitiatingProcessVersionInfoCompanyName", company),
        ("ReportId", report_id),
    ]
    return {k: v for k, v in fields if v is not MISSING}


def case_rows():
    for n, ts, device, url, company, report_id in CASES:
        ip = f"185.229.{n // 10}.{n % 10 + 10}"
        yield row(ts, device, url, company, report_id, ip, 443, "AEMAgent.exe")


def background_rows():
    rand = lcg(20261126)
    devices = sorted(DEVICES)
    for i in range(BACKGROUND_ROWS):
        url = BENIGN_URLS[next(rand) % len(BENIGN_URLS)]
        low = url.lower()
        assert "centrastage.net" not in low and "rmm.datto.com" not in low, url
        day = 18 + next(rand) % 9  # 2026-11-18 .. 2026-11-26
        secs = next(rand) % 86400 if day < 26 else 0
        ts = f"2026-11-{day:02d}T{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}Z"
        device = devices[next(rand) % len(devices)]
        company = BENIGN_COMPANIES[next(rand) % len(BENIGN_COMPANIES)]
        process = BENIGN_PROCESSES[next(rand) % len(BENIGN_PROCESSES)]
        ip = f"20.{next(rand) % 256}.{next(rand) % 256}.{next(rand) % 256}"
        port = [443, 80, 8080, 53][next(rand) % 4]
        action = ["ConnectionSuccess", "ConnectionSuccess", "ConnectionFailed", "ConnectionRequest"][next(rand) % 4]
        yield row(ts, device, url, company, 900000 + i, ip, port, process, action)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "DeviceNetworkEvents.ndjson")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for r in list(case_rows()) + list(background_rows()):
            f.write(json.dumps(r, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
