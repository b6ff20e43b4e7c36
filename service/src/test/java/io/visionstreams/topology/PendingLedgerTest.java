package io.visionstreams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.visionstreams.avro.Stage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The pending ledger alone, without a topology: every order in which answers can arrive, checked
 * against the rules a crash must not break. A test "store" and "output log" apply its commands; after
 * every drain the store lists, for each event, exactly the tasks whose output was forwarded (so a
 * restart neither repeats nor loses one), each task's outputs are in input order, Tags records are in
 * input order, and every output leaves once.
 */
class PendingLedgerTest {

    private static final List<String> TASKS = List.of("classification", "detection");

    /** Applies commands as the processor does, and checks the invariants after each drain. */
    private static final class Replica {
        final TreeMap<Long, Map<String, byte[]>> store = new TreeMap<>();
        final Map<String, List<Long>> emitted = new HashMap<>();
        final Map<Long, Set<String>> forwardedFor = new HashMap<>();
        final List<Long> joined = new ArrayList<>();
        final List<Long> rejected = new ArrayList<>();
        final Set<Long> deleted = new LinkedHashSet<>();

        void apply(List<LedgerCommand> commands) {
            for (LedgerCommand c : commands) {
                if (c instanceof LedgerCommand.Emit e) {
                    emitted.computeIfAbsent(e.task(), t -> new ArrayList<>()).add(e.offset());
                    assertThat(forwardedFor.computeIfAbsent(e.offset(), o -> new LinkedHashSet<>()).add(e.task()))
                            .as("%s forwarded once for %d", e.task(), e.offset()).isTrue();
                } else if (c instanceof LedgerCommand.Join j) {
                    joined.add(j.offset());
                } else if (c instanceof LedgerCommand.Reject r) {
                    rejected.add(r.offset());
                } else if (c instanceof LedgerCommand.Put p) {
                    store.put(p.offset(), new LinkedHashMap<>(p.answered()));
                } else if (c instanceof LedgerCommand.Delete d) {
                    store.remove(d.offset());
                    assertThat(deleted.add(d.offset())).as("deleted once: %d", d.offset()).isTrue();
                }
            }
            // what a restart would read back lists exactly the tasks forwarded (restored ones included)
            store.forEach((offset, answered) -> assertThat(answered.keySet())
                    .as("store entry of %d", offset)
                    .containsExactlyInAnyOrderElementsOf(forwardedFor.getOrDefault(offset, Set.of())));
            emitted.values().forEach(offsets -> assertThat(offsets).isSorted());
            assertThat(joined).isSorted();
        }
    }

    @Test
    void everyOrderOfAnswersLeavesEachTaskInInputOrderAndTheStoreInStepWithTheOutputs() {
        // given three events and two tasks: 6 answers, tried in each of their 720 arrival orders
        List<long[]> answers = new ArrayList<>();
        for (long offset = 0; offset < 3; offset++) {
            for (int task = 0; task < TASKS.size(); task++) {
                answers.add(new long[] {offset, task});
            }
        }
        int orders = 0;
        for (List<long[]> order : permutations(answers)) {
            PendingLedger ledger = new PendingLedger(TASKS, true);
            Replica replica = new Replica();
            List<LedgerCommand> admitted = new ArrayList<>();
            for (long offset = 0; offset < 3; offset++) {
                assertThat(ledger.admit(offset, admitted)).isTrue();
            }
            replica.apply(admitted);
            // when the answers arrive in this order, the ledger drained after each
            for (long[] a : order) {
                ledger.answer(a[0], TASKS.get((int) a[1]), published(a[0], TASKS.get((int) a[1])));
                replica.apply(ledger.drain());
            }
            // then everything left once, in order, and nothing is pending
            assertThat(replica.emitted.get("classification")).containsExactly(0L, 1L, 2L);
            assertThat(replica.emitted.get("detection")).containsExactly(0L, 1L, 2L);
            assertThat(replica.joined).containsExactly(0L, 1L, 2L);
            assertThat(replica.store).isEmpty();
            assertThat(ledger.size()).isZero();
            orders++;
        }
        assertThat(orders).isEqualTo(720);
    }

    @Test
    void aPartlyAnsweredEventsFailureWaitsForOlderEventsOfThatTaskAndIsStoredWithIt() {
        // given e0 and e1 restored, both answered by classification before a restart (finding 5's order)
        PendingLedger ledger = new PendingLedger(TASKS, true);
        Replica replica = new Replica();
        for (long offset = 0; offset < 2; offset++) {
            ledger.restore(offset, Map.of("classification", tags(offset, "classification")));
            replica.store.put(offset, new LinkedHashMap<>(Map.of("classification", tags(offset, "classification"))));
            replica.forwardedFor.put(offset, new LinkedHashSet<>(Set.of("classification")));
        }
        // when e1's record is gone: not untouched, so its failure is given for the one task left
        assertThat(ledger.untouched(1)).isFalse();
        assertThat(ledger.open(1)).containsExactly("detection");
        ledger.answer(1, "detection", failed(1, "detection"));
        List<LedgerCommand> early = ledger.drain();
        replica.apply(early);
        // then nothing leaves while e0 still owes detection
        assertThat(early).isEmpty();
        // and once e0's detection arrives, both leave in order, each with its entry's delete
        ledger.answer(0, "detection", published(0, "detection"));
        List<LedgerCommand> late = ledger.drain();
        replica.apply(late);
        assertThat(late).extracting(c -> c.getClass().getSimpleName() + c.offset()).containsExactly(
                "Emit0", "Emit1", "Join0", "Delete0", "Join1", "Delete1");
        assertThat(replica.store).isEmpty();
    }

    @Test
    void anUntouchedEventsRejectionLeavesAtOnceWithoutHoldingBackTheOthers() {
        // given e0 waiting for answers and e1 that no task answered
        PendingLedger ledger = new PendingLedger(TASKS, true);
        Replica replica = new Replica();
        List<LedgerCommand> admitted = new ArrayList<>();
        ledger.admit(0, admitted);
        ledger.admit(1, admitted);
        replica.apply(admitted);
        // when e1 cannot be loaded
        ledger.reject(1, new Answer.Failed(Stage.DECODE, "CORRUPT_IMAGE", "bad", null), "e1");
        List<LedgerCommand> out = ledger.drain();
        replica.apply(out);
        // then its one dead letter and its delete leave now; no Tags for it; e0 still pending
        assertThat(out).extracting(c -> c.getClass().getSimpleName() + c.offset()).containsExactly("Reject1", "Delete1");
        assertThat(((LedgerCommand.Reject) out.get(0)).eventId()).isEqualTo("e1");
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.owing("detection")).isEqualTo(1);
        // and a partly answered event cannot be rejected whole
        ledger.answer(0, "classification", published(0, "classification"));
        assertThatThrownBy(() -> ledger.reject(0, new Answer.Failed(Stage.FETCH, "X", "x", null), null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOffsetConsumedAgainKeepsItsRestoredEntryAndItsAnswers() {
        // given e0 restored, answered by classification (at_least_once re-consumes its record: finding 4)
        PendingLedger ledger = new PendingLedger(TASKS, true);
        ledger.restore(0, Map.of("classification", tags(0, "classification")));
        // when it is admitted again
        List<LedgerCommand> out = new ArrayList<>();
        // then nothing is written and only detection is still owed
        assertThat(ledger.admit(0, out)).isFalse();
        assertThat(out).isEmpty();
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.open(0)).containsExactly("detection");
        assertThat(ledger.owing("classification")).isZero();
    }

    @Test
    void tagsJoinEnabledTasksInTaskOrderThenTasksNoLongerEnabled() {
        // given e0 answered before a restart by segmentation, a task no longer enabled
        PendingLedger ledger = new PendingLedger(TASKS, true);
        ledger.restore(0, Map.of("segmentation", tags(0, "segmentation")));
        // when detection, then classification answer
        ledger.answer(0, "detection", published(0, "detection"));
        ledger.answer(0, "classification", published(0, "classification"));
        List<LedgerCommand> out = ledger.drain();
        // then the Tags contributions come in vision.tasks order, the old task's last
        LedgerCommand.Join join = (LedgerCommand.Join) out.stream().filter(c -> c instanceof LedgerCommand.Join)
                .findFirst().orElseThrow();
        assertThat(join.contributions()).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("0:classification", "0:detection", "0:segmentation");
    }

    @Test
    void withoutTagsNoJoinLeavesAndARetryIsNoAnswer() {
        PendingLedger ledger = new PendingLedger(List.of("classification"), false);
        List<LedgerCommand> out = new ArrayList<>();
        ledger.admit(0, out);
        assertThatThrownBy(() -> ledger.answer(0, "classification", new Answer.Retry(new RuntimeException(), false)))
                .isInstanceOf(IllegalArgumentException.class);
        ledger.answer(0, "classification", published(0, "classification"));
        // a second answer for the same task is ignored
        ledger.answer(0, "classification", failed(0, "classification"));
        assertThat(ledger.drain()).extracting(c -> c.getClass().getSimpleName() + c.offset())
                .containsExactly("Emit0", "Delete0");
    }

    private static Answer published(long offset, String task) {
        return new Answer.Published(new byte[0], new byte[0], 0L, tags(offset, task));
    }

    private static Answer failed(long offset, String task) {
        return new Answer.Failed(Stage.FETCH, "SOURCE_RECORD_GONE", "gone", tags(offset, task));
    }

    /** A stand-in contribution the ledger only carries, never reads: "offset:task". */
    private static byte[] tags(long offset, String task) {
        return (offset + ":" + task).getBytes(StandardCharsets.UTF_8);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
