package dev.xy.core.health;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;

/** The input streams under an {@link HttpAnswer}: deadline-bound reads, chunked decoding and a size cap. */
final class HttpStreams {
    private HttpStreams() {}

    /** Reads from a socket, each read bounded by what is left of the deadline. */
    static InputStream untilDeadline(Socket socket, Deadline deadline) throws IOException {
        InputStream in = socket.getInputStream();
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                socket.setSoTimeout(deadline.remainingMillis());
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                socket.setSoTimeout(deadline.remainingMillis());
                return super.read(buffer, offset, length);
            }
        };
    }

    /** At most {@code max} bytes; one more is an error rather than a silent cut, so a huge answer is noticed. */
    static InputStream capped(InputStream in, long max) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws ProtocolException {
                count += n;
                if (count > max) {
                    throw new ProtocolException("the answer is larger than the " + (max >> 20) + " MiB a probe reads");
                }
            }
        };
    }

    /** Exactly {@code length} bytes (a {@code Content-Length} body); fewer is an error. */
    static InputStream fixed(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = super.read(buffer, offset, (int) Math.min(count, left));
                if (n < 0) {
                    throw new EOFException("the connection closed " + left + " bytes before the end of the answer");
                }
                left -= n;
                return n;
            }
        };
    }

    /** Decodes {@code Transfer-Encoding: chunked}. */
    static InputStream chunked(InputStream in) {
        return new InputStream() {
            private long left;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (count == 0) {
                    return 0;
                }
                if (left == 0 && !done) {
                    nextChunk();
                }
                if (done) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(count, left));
                if (n < 0) {
                    throw new EOFException("the connection closed inside a chunk");
                }
                left -= n;
                if (left == 0) {
                    HttpHead.readLine(in); // the CRLF after the chunk's data
                }
                return n;
            }

            private void nextChunk() throws IOException {
                String line = HttpHead.readLine(in);
                if (line == null) {
                    throw new EOFException("the connection closed before the last chunk");
                }
                int extension = line.indexOf(';');
                String size = (extension < 0 ? line : line.substring(0, extension)).trim();
                try {
                    left = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    throw new ProtocolException("bad chunk size \"" + HttpHead.printable(size) + "\"");
                }
                if (left < 0) {
                    throw new ProtocolException("bad chunk size \"" + HttpHead.printable(size) + "\"");
                }
                if (left == 0) {
                    done = true;
                    String trailer;
                    do {
                        trailer = HttpHead.readLine(in);
                    } while (trailer != null && !trailer.isEmpty());
                }
            }
        };
    }
}
