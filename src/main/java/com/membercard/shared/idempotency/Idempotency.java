package com.membercard.shared.idempotency;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.CommittedRefusal;
import com.membercard.shared.Envelope;
import com.membercard.shared.Hashing;
import com.membercard.shared.jdbc.TenantNode;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.postgresql.util.PGobject;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a command at most once per serial (DOMAIN.md "Idempotency"). The serial is the client's
 * ({@code timestamp}, {@code code} or {@code orderCode}), unique per tenant and operation kind:
 *
 * <ul>
 *   <li>first time: the command runs, and its result is stored with the serial and a hash of the
 *       request, in the same transaction as the command's effect;
 *   <li>again with the same content: nothing runs; the answer is 801 with the first result in data;
 *   <li>again with other content: nothing runs; the answer is 409;
 *   <li>a command that failed stored nothing, so its serial may be used again; its transaction
 *       rolls back, but for a {@link CommittedRefusal} (a wrong card key's count), which commits.
 * </ul>
 *
 * Twins arriving at the same moment queue on a transaction-scoped advisory lock of their serial, so
 * the second finds the first's record once it has committed and answers 801 without running (the
 * lock and the lookup are one round trip). The serial's primary key stays the last word: should two
 * ever both run, only one can commit. The column {@code "serial"} is quoted: to ShardingSphere's SQL
 * parser (the sharded mode) {@code serial} is a type's name.
 */
@Component
public class Idempotency {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper canonical;
    private final JsonMapper json;

    private final MessageSource messages;
    private final TenantNode tenantNode;

    Idempotency(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper json,
            MessageSource messages,
            TenantNode tenantNode) {
        this.jdbc = jdbc;
        this.tenantNode = tenantNode;
        this.messages = messages;
        this.transactions = transactions;
        this.json = json;
        this.canonical = json.rebuild()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    private record Stored(String requestHash, String response) {}

    /**
     * Runs {@code command} in a transaction unless {@code serial} was used before.
     *
     * @param request what makes two requests "the same": its canonical JSON is hashed
     */
    public <T> Envelope<T> once(
            long tenantId, String operation, String serial, Object request, Class<T> resultType, Supplier<T> command) {
        return once(tenantId, operation, serial, request, resultType, record -> command.get());
    }

    /**
     * As {@link #once(long, String, String, Object, Class, Supplier)}, for a command that may write
     * the serial's record with a statement of its own ({@link SerialRecord}); where it did not, the
     * record is inserted after it.
     */
    public <T> Envelope<T> once(
            long tenantId,
            String operation,
            String serial,
            Object request,
            Class<T> resultType,
            Function<SerialRecord, T> command) {
        String requestHash = Hashing.sha256Hex(canonical.writeValueAsString(request));
        Object outcome;
        try {
            outcome = transactions.execute(status -> {
                Optional<Stored> earlier = lockAndFind(tenantId, operation, serial);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), requestHash, resultType);
                }
                SerialRecord record = new SerialRecord(tenantId, operation, serial, requestHash, this::jsonb);
                T result;
                try {
                    result = command.apply(record);
                } catch (CommittedRefusal refused) {
                    return refused; // answered once its transaction has committed; no serial recorded
                }
                if (record.namedOtherThan(result)) {
                    // a replay must give back what the first run answered
                    throw new IllegalStateException(operation + " recorded another answer than it returned");
                }
                if (!record.isWritten()) {
                    record.answer(result).bind(jdbc.sql(SerialRecord.INSERT)).update();
                }
                return Envelope.ok(result);
            });
        } catch (DuplicateKeyException e) {
            // A twin committed first (or another unique key failed: then there is no record to replay).
            Stored winner = find(tenantId, operation, serial).orElseThrow(() -> e);
            return replay(winner, requestHash, resultType);
        }
        if (outcome instanceof CommittedRefusal refused) {
            throw refused;
        }
        @SuppressWarnings("unchecked") // the transaction answers an envelope of T or a refusal
        Envelope<T> answer = (Envelope<T>) outcome;
        return answer;
    }

    /**
     * Takes the serial's transaction-scoped advisory lock, then looks the serial up: one round trip
     * (the database function {@code serial_record_locked}, V27, whose lookup sees what a twin that
     * held the lock committed). Pinned to the tenant's node ({@link TenantNode}): in the sharded mode
     * ShardingSphere could not route a function's rows by itself, and the lock must be taken on the
     * connection that then writes the serial's record, or a twin could take it while the record is
     * still on its way.
     */
    private Optional<Stored> lockAndFind(long tenantId, String operation, String serial) {
        return jdbc.sql(tenantNode.pin(
                        tenantId,
                        "select request_hash, response from serial_record_locked(:tenantId, :operation, :serial)"))
                .param("tenantId", tenantId)
                .param("operation", operation)
                .param("serial", serial)
                .query((rs, n) -> new Stored(rs.getString("request_hash"), rs.getString("response")))
                .optional();
    }

    private PGobject jsonb(Object answer) {
        PGobject value = new PGobject();
        value.setType("jsonb");
        try {
            value.setValue(json.writeValueAsString(answer));
        } catch (SQLException e) {
            throw new IllegalStateException(e); // PGobject's setValue throws only for its subclasses' formats
        }
        return value;
    }

    private Optional<Stored> find(long tenantId, String operation, String serial) {
        return jdbc.sql("""
                        select request_hash, response::text as response from serial_record
                        where tenant_id = :tenantId and operation = :operation and "serial" = :serial
                        """)
                .param("tenantId", tenantId)
                .param("operation", operation)
                .param("serial", serial)
                .query((rs, n) -> new Stored(rs.getString("request_hash"), rs.getString("response")))
                .optional();
    }

    private <T> Envelope<T> replay(Stored earlier, String requestHash, Class<T> resultType) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new BusinessException(BusinessCode.CONFLICT, "error.serialReused");
        }
        JsonNode stored = json.readTree(earlier.response());
        T result = stored.isNull() ? null : json.treeToValue(stored, resultType);
        String message =
                messages.getMessage(BusinessCode.DUPLICATE_SERIAL.messageKey(), null, LocaleContextHolder.getLocale());
        return new Envelope<>(BusinessCode.DUPLICATE_SERIAL.code(), message, result);
    }
}
