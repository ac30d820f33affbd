"""The parts of Newsroom that exist only beyond one machine: the replica router, the object store, the worker's tasks."""
