package dev.xy.core.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of one client's outbox, without threads or sockets. */
class OutboxTest {
    private final Outbox outbox = new Outbox(100, new NotificationBudget(Long.MAX_VALUE));

    /** Everything queued, as the client would read it. */
    private String written() {
        StringBuilder out = new StringBuilder();
        Outbox.Piece piece;
        while ((piece = outbox.poll()) != null) {
            out.append(piece.text()).append(piece.endsLine() ? "\n" : "");
        }
        return out.toString();
    }

    @Test
    void notificationsPastTheBoundAreRefused() {
        assertThat(outbox.offerNotification("x".repeat(59), false)).isTrue();
        assertThat(outbox.offerNotification("y".repeat(40), false)).isFalse();
        assertThat(outbox.offerNotification("y".repeat(39), false)).isTrue();
        written();
        assertThat(outbox.offerNotification("z".repeat(99), false))
                .as("what was written no longer counts")
                .isTrue();
    }

    @Test
    void answersWaitForRoomButOneLargerThanTheBoundPassesAlone() {
        outbox.beginAnswer();
        assertThat(outbox.hasRoomForAnswer(500)).isTrue();
        outbox.addAnswerPiece("a".repeat(500));
        assertThat(outbox.hasRoomForAnswer(1)).isFalse();
        outbox.poll();
        assertThat(outbox.hasRoomForAnswer(60)).isTrue();
        outbox.addAnswerPiece("b".repeat(60));
        assertThat(outbox.hasRoomForAnswer(40)).isTrue();
        assertThat(outbox.hasRoomForAnswer(41)).isFalse();
        assertThat(outbox.offerNotification("n".repeat(90), false))
                .as("answers do not use up the notifications' room")
                .isTrue();
    }

    @Test
    void nothingLandsInsideAnAnswerSLine() {
        outbox.offerNotification("before", false);
        outbox.beginAnswer();
        outbox.offerNotification("other stream, before the answer starts", false);
        outbox.addAnswerPiece("[1");
        outbox.offerNotification("other stream, during the answer", false);
        outbox.addAnswerPiece(",2]");
        outbox.endAnswer();
        outbox.offerNotification("after", false);
        assertThat(written())
                .isEqualTo(String.join(
                        "\n",
                        "before",
                        "other stream, before the answer starts",
                        "[1,2]",
                        "other stream, during the answer",
                        "after",
                        ""));
    }

    @Test
    void aNewStreamsNotificationsFollowTheAnswerThatOpenedIt() {
        outbox.beginAnswer();
        outbox.offerNotification("first line of the new stream", true);
        outbox.addAnswerPiece("{\"subscription_id\":\"logs-1\"}");
        outbox.endAnswer();
        outbox.offerNotification("next line of the new stream", true);
        assertThat(written())
                .isEqualTo(
                        "{\"subscription_id\":\"logs-1\"}\nfirst line of the new stream\nnext line of the new stream\n");
    }

    @Test
    void heldNotificationsCountAgainstTheBound() {
        outbox.beginAnswer();
        List<Boolean> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(outbox.offerNotification("x".repeat(29), true));
        }
        assertThat(accepted).containsExactly(true, true, true, false, false);
    }

    @Test
    void aRequestWithoutAnAnswerLetsHeldNotificationsGo() {
        outbox.beginAnswer();
        outbox.offerNotification("held", true);
        outbox.endAnswer();
        assertThat(written()).isEqualTo("held\n");
    }

    @Test
    void whenAllClientsTogetherHoldTooMuchTheOneThatIsBehindIsRefusedAndOneThatKeepsUpIsNot() {
        NotificationBudget shared = new NotificationBudget(3 * NotificationBudget.BEHIND);
        long big = 4 * NotificationBudget.BEHIND;
        Outbox behind = new Outbox(big, shared);
        Outbox keepingUp = new Outbox(big, shared);
        String line = "x".repeat(64 * 1024 - 1);
        int taken = 0;
        while (behind.offerNotification(line, false)) {
            taken++;
        }
        assertThat(taken * 64L * 1024)
                .as("what the one that does not read got before the shared budget stopped it")
                .isGreaterThan(NotificationBudget.BEHIND)
                .isLessThanOrEqualTo(3 * NotificationBudget.BEHIND + 64 * 1024);

        assertThat(keepingUp.offerNotification(line, false))
                .as("a client with nothing waiting still gets its notifications")
                .isTrue();
        keepingUp.poll();
        behind.clear();
        assertThat(shared.used())
                .as("what left the outboxes went back to the budget")
                .isZero();
    }
}
