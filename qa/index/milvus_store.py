"""The vectors in Milvus: the same store interface as FAISS, with scoping done by the engine.

Why Milvus: a national collection (every county's bureaus, every year) outgrows one machine, and
it should grow on an existing distributed engine, reached through the same client whether the
engine is Milvus Lite in a local file (a laptop, the tests) or a Milvus cluster (docs/SCALING.md).
The store is chosen by a URI: ``milvus:PATH.db`` (embedded Milvus Lite) or ``http(s)://host:port``.

Why these choices:
- the chunk id (``file#ordinal``) is the primary key, so a hit is the same chunk, with the same
  citation, as in FAISS; ``doc``, ``region`` and ``year`` are scalar fields with indexes, so a
  question that named its reports is a filter expression in the engine, not a post-filter;
- every write builds a complete new collection under a new name; the index manifest names the
  collection it belongs with, so the manifest swap (one rename) switches readers to it together
  with the chunk table. A crash or kill before the swap leaves the old manifest naming the old,
  untouched collection; after the swap the alias moves (for other readers of a shared cluster)
  and the superseded collections are dropped;
- exact inner-product search (FLAT), like FAISS below its HNSW threshold, so both stores return
  the same neighbours; a cluster may switch the index type (HNSW, IVF) without code changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import IndexProblem, QAError
from ..types import Chunk

log = logging.getLogger(__name__)

EMBEDDED, SERVERS = "milvus:", ("http://", "https://", "tcp://")
BATCH = 1000  # rows per insert or fetch: well inside gRPC's message limit at 384-d
FIELDS = ("doc", "region", "year")  # scalar fields a search can be scoped by


def normalise(store: str) -> str:
    """The store URI with an embedded file's path made absolute, so that the index's recorded
    store does not depend on the directory a command ran in; an unknown URI is refused."""
    if store == "faiss" or store.startswith(SERVERS):
        return store
    if store.startswith(EMBEDDED) and store.endswith(".db"):
        return EMBEDDED + str(Path(store[len(EMBEDDED) :]).expanduser().resolve())
    raise QAError(
        f"unknown vector store {store!r}",
        hint="valid: faiss, milvus:PATH.db (embedded Milvus Lite), http://host:19530 (Milvus server)",
    )


def client_uri(store: str) -> str:
    """What MilvusClient takes: a ``.db`` path for Milvus Lite, else the server URI as given."""
    store = normalise(store)
    return store[len(EMBEDDED) :] if store.startswith(EMBEDDED) else store


def _pymilvus():
    """pymilvus, imported on first use (it takes over a second) and only by Milvus users."""
    try:
        import pymilvus
    except ImportError as exc:
        raise QAError(
            "the Milvus store needs pymilvus and milvus-lite", hint='pip install "report-qa[milvus]"'
        ) from exc
    return pymilvus


@cache
def _client(uri: str):
    """One client per URI and process (Milvus Lite allows one process per file)."""
    MilvusClient = _pymilvus().MilvusClient  # noqa: N806

    try:
        return MilvusClient(uri)
    except Exception as exc:  # pymilvus raises several types for an unreachable or locked engine
        raise QAError(
            f"cannot open Milvus at {uri} ({type(exc).__name__}: {exc})",
            hint="is the server running? An embedded .db file is usable by one process at a time",
        ) from exc


def namespace(folder: Path) -> str:
    """The collection-name prefix of one index folder: two indexes never share collections."""
    return "qa_" + hashlib.sha1(str(Path(folder).resolve()).encode()).hexdigest()[:12]


class MilvusStore:
    """One Milvus collection holding a chunk table's vectors; row i is chunk i of that table."""

    filters = True  # scoping by report runs in the engine: DenseRetriever passes ``docs``

    def __init__(self, store: str, collection: str, ids: list[str], dim: int):
        self.store, self.collection, self._dim = store, collection, dim
        self._ids = ids
        self._row = {cid: i for i, cid in enumerate(ids)}
        self._client = _client(client_uri(store))

    @classmethod
    def create(
        cls, store: str, folder: Path, dim: int, vectors: np.ndarray, chunks: list[Chunk]
    ) -> MilvusStore:
        """A new collection for index ``folder`` holding ``vectors`` (row i = ``chunks[i]``)."""
        uri = client_uri(store)
        if not uri.startswith(SERVERS) and Path(uri).resolve().is_relative_to(Path(folder).resolve()):
            raise QAError(
                f"the embedded Milvus file {uri} is inside the index folder {folder}, "
                "which every change replaces",
                hint="put it beside the index, e.g. --store milvus:./milvus.db",
            )
        client, DataType = _client(uri), _pymilvus().DataType  # noqa: N806
        name = f"{namespace(folder)}_{time.time_ns()}"
        schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=1024)
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field("region", DataType.VARCHAR, max_length=256)
        schema.add_field("year", DataType.INT64)  # 0: the report did not say
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        params = client.prepare_index_params()
        params.add_index("vector", index_type="FLAT", metric_type="IP")
        for field in FIELDS:
            params.add_index(field, index_type="INVERTED")
        client.create_collection(name, schema=schema)
        # sync=False: pymilvus's wait for the index asks for a timestamp that Milvus Lite does not
        # serve (an error logged per index, and 0.5 s each); loading waits for the index anyway
        client.create_index(name, params, sync=False)
        client.load_collection(name)
        vectors = np.asarray(vectors, dtype=np.float32)
        for start in range(0, len(chunks), BATCH):
            rows = [
                {"id": c.id, "doc": c.doc, "region": c.region, "year": c.year or 0, "vector": v.tolist()}
                for c, v in zip(chunks[start : start + BATCH], vectors[start : start + BATCH], strict=True)
            ]
            client.insert(name, rows)
        log.info("wrote %d vectors to Milvus collection %s", len(chunks), name)
        return cls(store, name, [c.id for c in chunks], dim)

    @classmethod
    def open(cls, location: dict, ids: list[str], dim: int) -> MilvusStore:
        """The collection a manifest names; refused when missing or holding another row count."""
        self = cls(location["store"], location["collection"], ids, dim)
        client = self._client
        if not client.has_collection(self.collection):
            raise IndexProblem(
                f"Milvus collection {self.collection} at {self.store} is gone", action="rebuild"
            )
        client.load_collection(self.collection)
        count = int(client.get_collection_stats(self.collection)["row_count"])
        if count != len(ids):
            raise IndexProblem(
                f"Milvus collection {self.collection} holds {count} vectors, the index {len(ids)} chunks",
                action="rebuild",
            )
        return self

    @property
    def kind(self) -> str:
        return "milvus-flat"

    @property
    def dim(self) -> int:
        return self._dim

    def __len__(self) -> int:
        return len(self._ids)

    def location(self) -> dict:
        """What the manifest records to find this collection again."""
        return {"store": self.store, "collection": self.collection}

    def search(self, query: np.ndarray, k: int, docs: list[str] | None = None) -> list[tuple[int, float]]:
        """(row, cosine) of the k nearest rows, best first; only the reports ``docs`` when given."""
        if not len(self) or docs is not None and not docs:
            return []
        expr = f"doc in {json.dumps(list(docs), ensure_ascii=False)}" if docs is not None else ""
        found = self._client.search(
            self.collection,
            data=[np.asarray(query, dtype=np.float32).tolist()],
            limit=min(k, len(self)),
            filter=expr,
            output_fields=["id"],
            search_params={"metric_type": "IP"},
        )[0]
        return [(self._row[h["id"]], float(h["distance"])) for h in found if h["id"] in self._row]

    def all(self) -> np.ndarray:
        """Every vector, row i = chunk i, fetched by primary key (for reuse when the collection changes)."""
        out = np.zeros((len(self), self.dim), np.float32)
        for start in range(0, len(self), BATCH):
            for row in self._client.query(
                self.collection, ids=self._ids[start : start + BATCH], output_fields=["vector"]
            ):
                out[self._row[row["id"]]] = row["vector"]
        return out

    def save(self, path: Path) -> None:
        """Make the inserted rows durable before a manifest names the collection (``path`` is
        unused: the vectors live in the engine, the manifest records where)."""
        self._client.flush(self.collection)

    def collections(self, folder: Path) -> list[str]:
        """The engine's collections of index ``folder``: this one, a superseded one not dropped
        yet, and any that a killed update left behind."""
        prefix = namespace(folder) + "_"
        return sorted(n for n in self._client.list_collections() if n.startswith(prefix))

    def drop_superseded(self, folder: Path) -> None:
        """After the manifest swap: point the index's alias here and drop its other collections
        (the previous one, and any left by a killed update)."""
        client, alias = self._client, namespace(folder)
        if alias in client.list_aliases().get("aliases", []):
            client.alter_alias(self.collection, alias)
        else:
            client.create_alias(self.collection, alias)
        for name in self.collections(folder):
            if name != self.collection:
                client.drop_collection(name)
                log.info("dropped superseded Milvus collection %s", name)
