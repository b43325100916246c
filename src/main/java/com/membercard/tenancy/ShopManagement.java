package com.membercard.tenancy;

import com.membercard.shared.BusinessException;
import com.membercard.shared.jdbc.TenantTable;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The shops of a tenant. Other modules ask here whether a shop exists and what it is called. */
@Service
public class ShopManagement {

    private final TenantTable<Shop> shops;

    ShopManagement(JdbcClient jdbc) {
        this.shops =
                new TenantTable<>(jdbc, "shop", "entity.shop", List.of("name", "code", "address"), Shop.class, true);
    }

    public List<Shop> list(long tenantId) {
        return shops.list(tenantId);
    }

    public Optional<Shop> find(long tenantId, long id) {
        return shops.find(tenantId, id);
    }

    public Shop get(long tenantId, long id) {
        return shops.get(tenantId, id);
    }

    /** A shop id named in a request must be one of the caller's shops: 404 otherwise. */
    public void requireShopIfGiven(long tenantId, Long shopId) {
        if (shopId != null && !shops.exists(tenantId, shopId)) {
            throw BusinessException.notFound("entity.shop");
        }
    }

    public long create(long tenantId, ShopRequest request) {
        try {
            return shops.insert(tenantId, request);
        } catch (DuplicateKeyException e) {
            throw BusinessException.taken("code");
        }
    }

    // update and delete are public for the admin console's shops page, as create already was
    public void update(long tenantId, long id, ShopRequest request) {
        try {
            shops.update(tenantId, id, request);
        } catch (DuplicateKeyException e) {
            throw BusinessException.taken("code");
        }
    }

    public void delete(long tenantId, long id) {
        shops.delete(tenantId, id);
    }
}
