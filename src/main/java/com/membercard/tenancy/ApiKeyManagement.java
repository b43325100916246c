package com.membercard.tenancy;

import com.membercard.shared.BusinessException;
import com.membercard.shared.Hashing;
import java.util.List;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for POS terminals and integrations. A key is 256 random bits, shown once at creation and
 * stored as its SHA-256 (a slow hash is not needed for a secret that cannot be guessed, and would
 * cost every request). Revoking is immediate: the next request with it answers 401.
 */
@Service
public class ApiKeyManagement {

    /** The answer to a creation: the only time the key is shown. */
    public record CreatedKey(long id, String key, String name, Role role, Long shopId) {}

    private static final RowMapper<ApiKey> API_KEY = new DataClassRowMapper<>(ApiKey.class);
    private static final String COLUMNS = "id, name, role, shop_id, key_prefix, revoked_at is not null as revoked";

    private final JdbcClient jdbc;
    private final ShopManagement shops;
    private final Credentials known;

    ApiKeyManagement(JdbcClient jdbc, ShopManagement shops, Credentials known) {
        this.jdbc = jdbc;
        this.shops = shops;
        this.known = known;
    }

    @Transactional
    public CreatedKey create(long tenantId, ApiKeyRequest request) {
        Role role = checkedRole(request);
        shops.requireShopIfGiven(tenantId, request.shopId());
        String key = Hashing.newSecret(BearerTokenFilter.API_KEY_PREFIX);
        long id = jdbc.sql("""
                        insert into api_key (tenant_id, name, role, shop_id, key_hash, key_prefix)
                        values (:tenantId, :name, :role, :shopId, :hash, :prefix) returning id
                        """)
                .param("tenantId", tenantId)
                .param("name", request.name())
                .param("role", role.name())
                .param("shopId", request.shopId())
                .param("hash", Hashing.sha256Hex(key))
                .param("prefix", key.substring(0, 11))
                .query(Long.class)
                .single();
        return new CreatedKey(id, key, request.name(), role, request.shopId());
    }

    List<ApiKey> list(long tenantId) {
        return jdbc.sql("select " + COLUMNS + " from api_key where tenant_id = :tenantId order by id")
                .param("tenantId", tenantId)
                .query(API_KEY)
                .list();
    }

    ApiKey get(long tenantId, long id) {
        return jdbc.sql("select " + COLUMNS + " from api_key where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(API_KEY)
                .optional()
                .orElseThrow(() -> BusinessException.notFound("entity.apiKey"));
    }

    @Transactional
    void update(long tenantId, long id, ApiKeyRequest request) {
        Role role = checkedRole(request);
        shops.requireShopIfGiven(tenantId, request.shopId());
        int updated = jdbc.sql("""
                        update api_key set name = :name, role = :role, shop_id = :shopId
                        where tenant_id = :tenantId and id = :id
                        """)
                .param("tenantId", tenantId)
                .param("id", id)
                .param("name", request.name())
                .param("role", role.name())
                .param("shopId", request.shopId())
                .update();
        if (updated == 0) {
            throw BusinessException.notFound("entity.apiKey");
        }
        known.forgetAll();
    }

    /** Keys are revoked, not deleted: bills made with a key keep naming it. */
    void revoke(long tenantId, long id) {
        get(tenantId, id);
        jdbc.sql("""
                        update api_key set revoked_at = coalesce(revoked_at, now())
                        where tenant_id = :tenantId and id = :id
                        """).param("tenantId", tenantId).param("id", id).update();
        known.forgetAll();
    }

    private static Role checkedRole(ApiKeyRequest request) {
        Role role = request.roleOrDefault();
        if (role == Role.PLATFORM_ADMIN) {
            throw BusinessException.invalid("role", "error.roleNotAllowed");
        }
        return role;
    }
}
