package dev.xy.core.ipc;

import java.util.ArrayDeque;

/**
 * What waits to be written to one client, in order, and the rules that keep it bounded. Not thread-safe: its
 * {@link Connection} guards it with its own lock, and does the waiting.
 *
 * <p>Answers and notifications are bounded differently, because they come from different places:
 *
 * <ul>
 *   <li>An answer is produced by the connection's reader, which can wait: a batch's answer is queued in pieces
 *       (see {@link #hasRoomForAnswer}), so a client that reads gets an answer of any size, and one that does not
 *       stops being read from, rather than growing the queue.
 *   <li>A notification comes from a stream that must never wait on a client: one that would take the queued
 *       notifications past the bound is refused, and the connection closed.
 * </ul>
 *
 * <p>While an answer is being queued, notifications that must follow it (those of a stream the request opened,
 * see {@link #offerNotification}) are held back, and so is every notification once the first piece of a
 * multi-piece answer is queued, so that nothing ever lands inside the answer's line.
 */
final class Outbox {
    /** One thing to write: text, and whether a newline follows it. */
    record Piece(String text, boolean endsLine, boolean isAnswer) {
        long size() {
            return text.length() + (endsLine ? 1L : 0L);
        }
    }

    private final long maxBytes;
    private final NotificationBudget shared;
    private final ArrayDeque<Piece> queue = new ArrayDeque<>();
    private final ArrayDeque<Piece> held = new ArrayDeque<>();
    private long answerBytes;
    private long notificationBytes;
    private boolean answering;
    private boolean lineOpen;

    Outbox(long maxBytes, NotificationBudget shared) {
        this.maxBytes = maxBytes;
        this.shared = shared;
    }

    /**
     * Queues a notification line, or holds it back until the answer being queued is complete: always when part of
     * that answer is queued already, and when {@code afterAnswer} (it belongs to a stream the request opened)
     * while a request is being answered at all. False when it would take the notifications past the bound.
     */
    boolean offerNotification(String line, boolean afterAnswer) {
        Piece piece = new Piece(line, true, false);
        if (notificationBytes + piece.size() > maxBytes || !shared.take(piece.size(), notificationBytes)) {
            return false;
        }
        notificationBytes += piece.size();
        (lineOpen || (afterAnswer && answering) ? held : queue).addLast(piece);
        return true;
    }

    /**
     * Whether a notification of {@code size} may be queued now without taking the notifications past the bound;
     * one larger than the bound is let through once every notification queued before it has been written.
     */
    boolean hasRoomForNotification(long size) {
        return notificationBytes == 0 || notificationBytes + size + 1 <= maxBytes;
    }

    /** The reader starts answering a line. */
    void beginAnswer() {
        answering = true;
    }

    /**
     * Whether a piece of an answer of {@code size} may be queued now; else the reader waits for the writer. One
     * larger than the bound is let through once everything queued before it has been written.
     */
    boolean hasRoomForAnswer(long size) {
        return answerBytes == 0 || answerBytes + size <= maxBytes;
    }

    void addAnswerPiece(String text) {
        Piece piece = new Piece(text, false, true);
        queue.addLast(piece);
        answerBytes += piece.size();
        lineOpen = true;
    }

    /** The answer is complete: ends its line, and lets the notifications held back for it follow. */
    void endAnswer() {
        if (lineOpen) {
            queue.addLast(new Piece("", true, true));
            answerBytes++;
        }
        queue.addAll(held);
        held.clear();
        lineOpen = false;
        answering = false;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The next piece to write, or null. */
    Piece poll() {
        Piece piece = queue.pollFirst();
        if (piece != null) {
            if (piece.isAnswer()) {
                answerBytes -= piece.size();
            } else {
                notificationBytes -= piece.size();
                shared.give(piece.size());
            }
        }
        return piece;
    }

    void clear() {
        queue.clear();
        held.clear();
        shared.give(notificationBytes);
        answerBytes = 0;
        notificationBytes = 0;
        answering = false;
        lineOpen = false;
    }
}
