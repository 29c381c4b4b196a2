"""One module per bench for bench/report.py, the benches' one report script; common.py holds what they share."""
