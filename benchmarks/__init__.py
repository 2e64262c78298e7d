"""Speed and memory benchmarks for Debrief (`make bench`); see run.py."""
