"""What exists only beyond one machine: the replica router, the object store, the worker's tasks."""
