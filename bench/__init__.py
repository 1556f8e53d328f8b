"""Homeward's benchmark suite: data generator, load test, page weight, queries, dispatch."""
