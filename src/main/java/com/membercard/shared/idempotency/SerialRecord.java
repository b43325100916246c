package com.membercard.shared.idempotency;

import java.util.function.Function;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * The record of a serial's first run, which a command may write with a statement of its own rather
 * than leave to {@link Idempotency}'s insert after it: a round trip fewer. The card payment does so,
 * its answer being known before its bill is written, and the ledger's bill statement carries the
 * record as one more CTE ({@link #INSERT}).
 *
 * <p>A command that writes the record names its answer first ({@link #answer}) and must then return
 * that same answer: {@link Idempotency} checks it, so a replay (801) can never give back anything
 * but what the first run answered. Where the command's statement could not carry it (the sharded
 * mode's separate statements), nothing is {@link #written} and {@link Idempotency} inserts it as
 * before.
 */
public final class SerialRecord {

    /**
     * The record's insert, alone or as a CTE of the writer's statement; {@link #bind} binds its
     * parameters. The answer is bound as jsonb, not cast in the SQL: ShardingSphere (the sharded mode)
     * writes a sharded insert's values out again and drops a cast.
     */
    public static final String INSERT = """
            insert into serial_record (tenant_id, operation, "serial", request_hash, response)
            values (:serialTenantId, :serialOperation, :serialSerial, :serialRequestHash, :serialResponse)""";

    private final long tenantId;
    private final String operation;
    private final String serial;
    private final String requestHash;
    private final Function<Object, PGobject> toJsonb;

    private boolean named;
    private Object answer;
    private PGobject response;
    private boolean written;

    SerialRecord(
            long tenantId, String operation, String serial, String requestHash, Function<Object, PGobject> toJsonb) {
        this.tenantId = tenantId;
        this.operation = operation;
        this.serial = serial;
        this.requestHash = requestHash;
        this.toJsonb = toJsonb;
    }

    /** Names the command's answer before the record is written; the command must return this object. */
    public SerialRecord answer(Object answer) {
        this.named = true;
        this.answer = answer;
        this.response = toJsonb.apply(answer);
        return this;
    }

    /** Binds {@link #INSERT}'s parameters; to be called once the {@link #answer} is named. */
    public StatementSpec bind(StatementSpec statement) {
        requireNamed();
        return statement
                .param("serialTenantId", tenantId)
                .param("serialOperation", operation)
                .param("serialSerial", serial)
                .param("serialRequestHash", requestHash)
                .param("serialResponse", response);
    }

    /** Tells that the statement carrying {@link #INSERT} has run. */
    public void written() {
        requireNamed();
        this.written = true;
    }

    /** Whether a command's statement wrote the record (else {@link Idempotency} inserts it). */
    public boolean isWritten() {
        return written;
    }

    /** Whether the command named an answer other than {@code result} (compared as the same object). */
    boolean namedOtherThan(Object result) {
        return named && answer != result;
    }

    private void requireNamed() {
        if (!named) {
            throw new IllegalStateException("the serial's answer is not named yet");
        }
    }
}
