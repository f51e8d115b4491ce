"""What start-up built lives as long as the window: keep the cycle collector off it.

A full collection walks every tracked object, holding the interpreter lock throughout,
so the window cannot paint meanwhile. Start-up leaves a few hundred thousand objects
(modules, classes, the pages' widgets and models, the board the warm-up builds) that
stay until the app quits; a background job that allocates (a sync of thousands of
cards) set off full collections that walked all of them, for 100 ms and more at a
time. `gc.freeze` moves them into a generation no collection walks, so a collection
only walks what came after.
"""

from __future__ import annotations

import gc


def keep_start_up_objects() -> None:
    """Leave what exists now out of later collections.

    No collection first: it would itself block the window for as long as the ones this
    avoids, and start-up's cyclic garbage is small (it is kept, not leaked again).
    """
    gc.freeze()
