package dev.platen.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Render ids sort by creation, also when many are minted in one millisecond (lists are newest first by id). */
class IdsTest {
  @Test
  void eachIdSortsAfterTheOneBeforeEvenWithinOneMillisecond() {
    long before = System.currentTimeMillis();
    String last = Ids.newId();
    int sameMillisecond = 0;
    for (int i = 0; i < 200_000; i++) {
      String id = Ids.newId();
      assertThat(id).as("id %d", i).isGreaterThan(last);
      if (id.regionMatches(0, last, 0, 13)) sameMillisecond++;
      last = id;
    }
    assertThat(sameMillisecond).as("ids that share a millisecond with the one before").isGreaterThan(1_000);
    UUID u = UUID.fromString(last);
    assertThat(u.version()).isEqualTo(7);
    assertThat(u.variant()).isEqualTo(2);
    // more than 4,096 ids in a millisecond borrow the next, so the time may run ahead a little, never behind
    assertThat(u.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis() + 1_000);
  }

  @Test
  void idsFromManyThreadsAreUniqueAndEachThreadsSortInItsOwnOrder() throws Exception {
    ConcurrentLinkedQueue<List<String>> all = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) mine.add(Ids.newId());
        all.add(mine);
      }));
    }
    for (Thread t : threads) t.join();
    Set<String> unique = new HashSet<>();
    for (List<String> mine : all) {
      assertThat(mine).isSorted();
      unique.addAll(mine);
    }
    assertThat(unique).hasSize(200_000);
  }
}
