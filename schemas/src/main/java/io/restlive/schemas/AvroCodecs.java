package io.restlive.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding (marker {@code C3 01}, the schema's 64-bit fingerprint, then the binary
 * body) of every rest-live record: no schema registry is needed to read it back.
 *
 * <p>Avro 1.12 refuses to instantiate classes it does not trust; this class adds rest-live's generated
 * package to the trusted set once, before the first encode or decode.
 */
public final class AvroCodecs {

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(),
                ClassSecurityValidator.builder()
                        .add(ChangeEnvelope.class).add(ChangeOp.class)
                        .add(SubscriptionCommand.class).add(GroupSpec.class).add(CatchUpRequest.class)
                        .add(TaskPosition.class).add(ControlCommand.class).add(ControlKind.class)
                        .add(EdgeHeartbeat.class)
                        .add(EdgeBroadcast.class).add(ChangeFrames.class).add(FrameEntry.class).add(Notice.class)
                        .add(NoticeKind.class).add(BroadcastAction.class)
                        .build()));
    }

    /**
     * Reads subscription commands written under this schema and every earlier one: the subscriptions
     * topic is compacted, so it keeps the joins of edges that ran an older version for as long as they
     * hold their groups. Each earlier version is kept in {@code history/} and resolved to the current one.
     */
    private static final BinaryMessageDecoder<SubscriptionCommand> COMMAND_DECODER =
            withHistory(SubscriptionCommand.createDecoder(null), "SubscriptionCommand-1.avsc",
                    "SubscriptionCommand-2.avsc");
    /** Heartbeats of edges of the first version (no slot) still decode: the topic is compacted. */
    private static final BinaryMessageDecoder<EdgeHeartbeat> HEARTBEAT_DECODER =
            withHistory(EdgeHeartbeat.createDecoder(null), "EdgeHeartbeat-1.avsc");

    private AvroCodecs() {
    }

    private static <T> BinaryMessageDecoder<T> withHistory(BinaryMessageDecoder<T> decoder, String... files) {
        for (String file : files) {
            decoder.addSchema(historicSchema(file));
        }
        return decoder;
    }

    private static Schema historicSchema(String file) {
        try (InputStream in = AvroCodecs.class.getResourceAsStream("history/" + file)) {
            if (in == null) {
                throw new IllegalStateException("schemas jar lacks history/" + file);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read history/" + file, e);
        }
    }

    /**
     * Makes Avro trust rest-live's generated classes, for code that reads or writes them through another
     * library (a registry serde) before using this class; the static initializer does the work.
     */
    public static void trustGeneratedClasses() {
        // Class initialization has run by the time this body executes.
    }

    /** The first byte of every single-object encoded record. */
    public static final byte MARKER_0 = (byte) 0xC3;
    /** The second byte of every single-object encoded record. */
    public static final byte MARKER_1 = (byte) 0x01;

    /** True if {@code bytes} start with the single-object encoding marker. */
    public static boolean isSingleObjectEncoded(byte[] bytes) {
        return bytes != null && bytes.length >= 10 && bytes[0] == MARKER_0 && bytes[1] == MARKER_1;
    }

    /** Encodes a change envelope. */
    public static byte[] encode(ChangeEnvelope change) {
        return encode(change, change::toByteBuffer);
    }

    /** Encodes a subscription command. */
    public static byte[] encode(SubscriptionCommand command) {
        return encode(command, command::toByteBuffer);
    }

    /** Encodes a control command. */
    public static byte[] encode(ControlCommand command) {
        return encode(command, command::toByteBuffer);
    }

    /** Encodes an edge heartbeat. */
    public static byte[] encode(EdgeHeartbeat heartbeat) {
        return encode(heartbeat, heartbeat::toByteBuffer);
    }

    /** Encodes what the processor writes to one slot of the broadcasts topic. */
    public static byte[] encode(EdgeBroadcast broadcast) {
        return encode(broadcast, broadcast::toByteBuffer);
    }

    /**
     * Decodes a change envelope.
     *
     * @throws IOException if the bytes are not a single-object encoded {@link ChangeEnvelope}
     */
    public static ChangeEnvelope decodeChange(byte[] bytes) throws IOException {
        return decode(bytes, ChangeEnvelope::fromByteBuffer);
    }

    /**
     * Decodes a subscription command, written under this schema or an earlier one.
     *
     * @throws IOException if the bytes are not a single-object encoded {@link SubscriptionCommand}
     */
    public static SubscriptionCommand decodeCommand(byte[] bytes) throws IOException {
        return decode(bytes, COMMAND_DECODER::decode);
    }

    /**
     * Decodes a control command.
     *
     * @throws IOException if the bytes are not a single-object encoded {@link ControlCommand}
     */
    public static ControlCommand decodeControl(byte[] bytes) throws IOException {
        return decode(bytes, ControlCommand::fromByteBuffer);
    }

    /**
     * Decodes an edge heartbeat, written under this schema or an earlier one.
     *
     * @throws IOException if the bytes are not a single-object encoded {@link EdgeHeartbeat}
     */
    public static EdgeHeartbeat decodeHeartbeat(byte[] bytes) throws IOException {
        return decode(bytes, HEARTBEAT_DECODER::decode);
    }

    /**
     * Decodes a record of the broadcasts topic.
     *
     * @throws IOException if the bytes are not a single-object encoded {@link EdgeBroadcast}
     */
    public static EdgeBroadcast decodeBroadcast(byte[] bytes) throws IOException {
        return decode(bytes, EdgeBroadcast::fromByteBuffer);
    }

    /** Reads one record from a buffer; Avro's generated readers throw IOException. */
    private interface Reader<T> {
        T read(ByteBuffer buffer) throws IOException;
    }

    /** Writes one record to a buffer. */
    private interface Writer {
        ByteBuffer write() throws IOException;
    }

    private static byte[] encode(Object record, Writer writer) {
        try {
            return toArray(writer.write());
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode " + record, e);
        }
    }

    private static <T> T decode(byte[] bytes, Reader<T> reader) throws IOException {
        try {
            return reader.read(ByteBuffer.wrap(bytes));
        } catch (AvroRuntimeException e) {
            // A wrong header or a corrupt body: report both as the checked failure callers expect.
            throw new IOException(e.getMessage(), e);
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
