package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import com.membercard.shared.Hashing;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.security.SecurityEvent.Kind;
import com.membercard.shared.web.ClientAddress;
import com.membercard.shared.web.DateTimeJson;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for POS terminals and integrations. A key is 256 random bits, shown once at creation and
 * stored as its SHA-256 (a slow hash is not needed for a secret that cannot be guessed, and would
 * cost every request). Revoking is immediate: the next request with it answers 401; so is the
 * optional expiry, checked on the service's clock.
 */
@Service
public class ApiKeyManagement {

    /** The answer to a creation: the only time the key is shown; {@code expiresAt} as asked, or null. */
    public record CreatedKey(long id, String key, String name, Role role, Long shopId, LocalDateTime expiresAt) {}

    private static final RowMapper<ApiKey> API_KEY = new DataClassRowMapper<>(ApiKey.class);
    private static final String COLUMNS = "id, name, role, shop_id, key_prefix, revoked_at is not null as revoked,"
            + " expires_at at time zone :zone as expires_at";

    private final JdbcClient jdbc;
    private final ShopManagement shops;
    private final TenantDirectory tenants;
    private final Credentials known;
    private final CredentialDirectory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ApiKeyManagement(
            JdbcClient jdbc,
            ShopManagement shops,
            TenantDirectory tenants,
            Credentials known,
            CredentialDirectory directory,
            Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.shops = shops;
        this.tenants = tenants;
        this.known = known;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public CreatedKey create(long tenantId, ApiKeyRequest request) {
        return create(null, tenantId, request);
    }

    /** {@code actor}: who creates it, for the security event (null: the service itself, the demo). */
    @Transactional
    public CreatedKey create(Caller actor, long tenantId, ApiKeyRequest request) {
        Role role = checkedRole(request);
        shops.requireShopIfGiven(tenantId, request.shopId());
        OffsetDateTime expiresAt = checkedExpiry(tenantId, request.expiresAt());
        String key = Hashing.newSecret(BearerTokenFilter.API_KEY_PREFIX);
        String hash = Hashing.sha256Hex(key);
        directory.enter(hash, tenantId); // how a request with the key finds its tenant
        long id = jdbc.sql("""
                        insert into api_key (tenant_id, name, role, shop_id, key_hash, key_prefix, expires_at)
                        values (:tenantId, :name, :role, :shopId, :hash, :prefix, :expiresAt) returning id
                        """)
                .param("tenantId", tenantId)
                .param("name", request.name())
                .param("role", role.name())
                .param("shopId", request.shopId())
                .param("hash", hash)
                .param("prefix", key.substring(0, 11))
                .param("expiresAt", expiresAt)
                .query(Long.class)
                .single();
        publish(actor, tenantId, Kind.API_KEY_CREATED, id, request.name(), role + expiryText(request.expiresAt()));
        return new CreatedKey(id, key, request.name(), role, request.shopId(), request.expiresAt());
    }

    // list, create with its actor and revoke are public for the admin console's API keys page
    public List<ApiKey> list(long tenantId) {
        return jdbc.sql("select " + COLUMNS + " from api_key where tenant_id = :tenantId order by id")
                .param("tenantId", tenantId)
                .param("zone", tenants.zoneOf(tenantId).getId())
                .query(API_KEY)
                .list();
    }

    // get, update and reissue are public for the admin console's key page, which edits as the API does
    public ApiKey get(long tenantId, long id) {
        return find(tenantId, id, false);
    }

    /** The key; {@code forUpdate}: locked until the transaction ends, so that what it was stays true. */
    private ApiKey find(long tenantId, long id, boolean forUpdate) {
        return jdbc.sql("select " + COLUMNS + " from api_key where tenant_id = :tenantId and id = :id"
                        + (forUpdate ? " for update" : ""))
                .param("tenantId", tenantId)
                .param("id", id)
                .param("zone", tenants.zoneOf(tenantId).getId())
                .query(API_KEY)
                .optional()
                .orElseThrow(() -> BusinessException.notFound("entity.apiKey"));
    }

    /** {@code actor}: who edits it, for the security event, which says what changed. */
    @Transactional
    public void update(Caller actor, long tenantId, long id, ApiKeyRequest request) {
        Role role = checkedRole(request);
        shops.requireShopIfGiven(tenantId, request.shopId());
        OffsetDateTime expiresAt = checkedExpiry(tenantId, request.expiresAt());
        ApiKey old = find(tenantId, id, true);
        jdbc.sql("""
                        update api_key set name = :name, role = :role, shop_id = :shopId,
                                           expires_at = coalesce(:expiresAt, expires_at)
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("name", request.name())
                .param("role", role.name())
                .param("shopId", request.shopId())
                .param("expiresAt", expiresAt)
                .update();
        known.forgetAll();
        publish(actor, tenantId, Kind.API_KEY_CHANGED, id, request.name(), changes(old, request, role));
    }

    /** Each field an update changes, as old -> new; an expiry left out is kept, so no change. */
    private static String changes(ApiKey old, ApiKeyRequest request, Role role) {
        List<String> changed = new ArrayList<>();
        if (!old.name().equals(request.name())) {
            changed.add("name " + old.name() + " -> " + request.name());
        }
        if (old.role() != role) {
            changed.add("role " + old.role() + " -> " + role);
        }
        if (!Objects.equals(old.shopId(), request.shopId())) {
            changed.add("shop " + orNone(old.shopId()) + " -> " + orNone(request.shopId()));
        }
        if (request.expiresAt() != null && !request.expiresAt().equals(old.expiresAt())) {
            changed.add("expiry " + orNone(old.expiresAt()) + " -> " + orNone(request.expiresAt()));
        }
        return changed.isEmpty() ? "unchanged" : String.join(", ", changed);
    }

    private static String orNone(Object value) {
        if (value == null) {
            return "none";
        }
        return value instanceof LocalDateTime time ? DateTimeJson.DATE_TIME.format(time) : value.toString();
    }

    /** Keys are revoked, not deleted: bills made with a key keep naming it. */
    public void revoke(Caller actor, long tenantId, long id) {
        ApiKey key = get(tenantId, id);
        revokeIfLive(tenantId, id);
        publish(actor, tenantId, Kind.API_KEY_REVOKED, id, key.name(), key.keyPrefix());
    }

    /**
     * A new key in place of the key {@code id} (leaked, or a terminal replaced): the old one is revoked
     * and a new one made with its name, role, shop and expiry, in one transaction, so the tenant is
     * never left with both or neither. The new key is shown this once. Only a live key is re-issued:
     * a revoked one answers 611, so a form sent twice, or two administrators at once (the revoke
     * waits on the row), cannot leave two successors. An expired key cannot be re-issued either (its
     * expiry is no longer ahead: 400 naming {@code expiresAt}); create a new one.
     */
    @Transactional
    public CreatedKey reissue(Caller actor, long tenantId, long id) {
        ApiKey old = get(tenantId, id);
        if (!revokeIfLive(tenantId, id)) {
            throw new BusinessException(BusinessCode.NOT_ALLOWED_IN_STATE, "error.keyRevoked");
        }
        publish(actor, tenantId, Kind.API_KEY_REVOKED, id, old.name(), old.keyPrefix() + ", re-issued");
        return create(actor, tenantId, new ApiKeyRequest(old.name(), old.role(), old.shopId(), old.expiresAt()));
    }

    /** Revokes the key unless it was already; answers whether this call revoked it. */
    private boolean revokeIfLive(long tenantId, long id) {
        int revoked = jdbc.sql("""
                        update api_key set revoked_at = now()
                        where tenant_id = :tenantId and id = :id and revoked_at is null
                        """).param("tenantId", tenantId).param("id", id).update();
        known.forgetAll();
        return revoked > 0;
    }

    /** The expiry asked, as an instant: it must lie ahead (the tenant's wall clock). */
    private OffsetDateTime checkedExpiry(long tenantId, LocalDateTime expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        OffsetDateTime at = expiresAt.atZone(tenants.zoneOf(tenantId)).toOffsetDateTime();
        if (!at.toInstant().isAfter(clock.instant())) {
            throw BusinessException.invalid("expiresAt", "error.mustBeFuture");
        }
        return at;
    }

    private static String expiryText(LocalDateTime expiresAt) {
        return expiresAt == null ? "" : ", expires " + DateTimeJson.DATE_TIME.format(expiresAt);
    }

    private void publish(Caller actor, long tenantId, Kind kind, long keyId, String name, String detail) {
        events.publishEvent(new SecurityEvent(
                tenantId,
                kind,
                actor == null ? null : actor.operatorId(),
                actor == null ? null : actor.apiKeyId(),
                name,
                ClientAddress.current(),
                "key " + keyId + ": " + detail));
    }

    private static Role checkedRole(ApiKeyRequest request) {
        Role role = request.roleOrDefault();
        if (role == Role.PLATFORM_ADMIN) {
            throw BusinessException.invalid("role", "error.roleNotAllowed");
        }
        return role;
    }
}
