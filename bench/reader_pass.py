"""One ``reader`` update pass over the benchmark farm (for bench/ingest.py).

``python bench/reader_pass.py DB PORT N``: adds the N farm feeds (first time)
and runs ``update_feeds`` with worker threads, as reader's own CLI does.
"""

from __future__ import annotations

import sys

from reader import make_reader


def main() -> None:
    db, port, feeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    r = make_reader(db)
    for i in range(feeds):
        r.add_feed(f"http://127.0.0.1:{port}/feed/{i}.xml", exist_ok=True)
    r.update_feeds(workers=16)
    r.close()


if __name__ == "__main__":
    main()
