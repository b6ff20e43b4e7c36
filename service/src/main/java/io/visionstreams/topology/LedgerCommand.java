package io.visionstreams.topology;

import java.util.List;
import java.util.Map;

/**
 * What the {@link PendingLedger} tells its processor to do, in the order given, within one step of the
 * stream thread (so under exactly_once_v2 in one transaction): forward a task's answer or an event's
 * dead letter or Tags record, write or delete the event's pending entry.
 */
sealed interface LedgerCommand {

    long offset();

    /** Forward one task's answer (a result, or that task's dead letter) for the event at {@code offset}. */
    record Emit(long offset, String task, Answer answer) implements LedgerCommand {}

    /** Forward one dead letter for the whole event (no task had answered it; its id when it was read). */
    record Reject(long offset, Answer.Failed failure, String eventId) implements LedgerCommand {}

    /** Forward the event's Tags record, joined from these contributions (task order, then tasks no longer enabled). */
    record Join(long offset, List<byte[]> contributions) implements LedgerCommand {}

    /** Write the entry: the tasks that answered, with their Tags contributions, in the order they answered. */
    record Put(long offset, Map<String, byte[]> answered) implements LedgerCommand {}

    /** Delete the entry: the event is done (every output above is forwarded in the same step). */
    record Delete(long offset) implements LedgerCommand {}
}
