"""Running a job's own code: handlers given to ``run_code`` and local scripts ``run_scripts`` maps.

The code runs in-process, in the thread of the call that gave its run a slot, after that call is
answered and logged and outside the store's lock, so it can call Glue through the same fake. It
runs in a room (``room``) that puts back whatever it changes in the interpreter, and its output is
its own (``output``).
"""
