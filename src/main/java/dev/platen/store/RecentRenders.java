package dev.platen.store;

import dev.platen.jobs.RenderRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of recently written renders, so {@code GET /v1/renders/:id} is answered from memory. Kept current by
 * this process's own writes: a write takes the record out inside its transaction and puts the new one back once
 * it committed, so between the two a read goes to the database and sees one committed state or the other, never
 * an older one. Which records may be served is {@link RenderStore}'s decision: every one on SQLite (this process
 * is the database's only writer), only terminal ones on PostgreSQL (other processes move the rest on). A terminal
 * record never changes again, so one read from the database may be kept too.
 */
final class RecentRenders {
  private final int max;
  private final LinkedHashMap<String, RenderRecord> records;

  RecentRenders(int max) {
    this.max = max;
    this.records = new LinkedHashMap<>(Math.min(max, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, RenderRecord> eldest) {
        return size() > RecentRenders.this.max;
      }
    };
  }

  synchronized RenderRecord get(String id) {
    return records.get(id);
  }

  /** The newest record of its render, written by this process and committed. */
  synchronized void put(RenderRecord r) {
    if (max == 0) return;
    records.remove(r.id());
    records.put(r.id(), r);
  }

  /** A terminal record read from the database: kept unless a record is already there. */
  synchronized void offerFinal(RenderRecord r) {
    if (max == 0 || !r.status().terminal()) return;
    records.putIfAbsent(r.id(), r);
  }

  /** Takes a render's record out (before a write to it commits), returning what was there. */
  synchronized RenderRecord remove(String id) {
    return records.remove(id);
  }

  synchronized void clear() {
    records.clear();
  }

  synchronized int size() {
    return records.size();
  }
}
