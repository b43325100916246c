package com.membercard.tenancy;

import com.membercard.shared.BusinessException;
import com.membercard.shared.security.SecurityEvent;
import com.membercard.shared.security.SecurityEvent.Kind;
import com.membercard.shared.web.ClientAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Operators of a tenant: the people who sign in and whose names stand on every bill. */
@Service
public class OperatorManagement {

    private final JdbcOperators operators;
    private final ShopManagement shops;
    private final PasswordEncoder passwords;
    private final Credentials known;
    private final ApplicationEventPublisher events;

    OperatorManagement(
            JdbcOperators operators,
            ShopManagement shops,
            PasswordEncoder passwords,
            Credentials known,
            ApplicationEventPublisher events) {
        this.operators = operators;
        this.known = known;
        this.shops = shops;
        this.passwords = passwords;
        this.events = events;
    }

    @Transactional
    public long create(long tenantId, OperatorRequest request) {
        return create(null, tenantId, request);
    }

    /** {@code actor}: who creates it, for the security event (null: the service itself, the demo). */
    @Transactional
    public long create(Caller actor, long tenantId, OperatorRequest request) {
        checkTenantRole(request.role());
        if (request.password() == null) {
            throw BusinessException.invalid("password", "error.required");
        }
        LoginService.checkStorable("password", request.password());
        shops.requireShopIfGiven(tenantId, request.shopId());
        long id = operators
                .insert(
                        tenantId,
                        request.username(),
                        passwords.encode(request.password()),
                        request.name(),
                        request.role(),
                        request.shopId())
                .orElseThrow(() -> BusinessException.taken("username"));
        publish(actor, tenantId, Kind.OPERATOR_CREATED, request.username(), "operator " + id + ", " + request.role());
        return id;
    }

    /** The first administrator of a new tenant, created with it. */
    long createTenantAdmin(long tenantId, String username, String password) {
        LoginService.checkStorable("adminPassword", password);
        long id = operators
                .insert(tenantId, username, passwords.encode(password), username, Role.TENANT_ADMIN, null)
                .orElseThrow(() -> BusinessException.taken("adminUsername"));
        publish(null, tenantId, Kind.OPERATOR_CREATED, username, "operator " + id + ", TENANT_ADMIN, with the tenant");
        return id;
    }

    // list, create with its actor and deactivate are public for the admin console's operators page
    public List<Operator> list(long tenantId) {
        return operators.list(tenantId);
    }

    // get and update are public for the admin console's operator page, which edits as PUT /operators/{id}
    public Operator get(long tenantId, long id) {
        return operators.find(tenantId, id).orElseThrow(() -> BusinessException.notFound("entity.operator"));
    }

    /** A new password revokes every login token of the operator, in the same transaction. */
    @Transactional
    public void update(Caller actor, long tenantId, long id, OperatorRequest request) {
        checkTenantRole(request.role());
        Operator existing = get(tenantId, id);
        if (!existing.username().equalsIgnoreCase(request.username())) {
            throw BusinessException.invalid("username", "error.immutable");
        }
        shops.requireShopIfGiven(tenantId, request.shopId());
        LoginService.checkStorable("password", request.password());
        String hash = request.password() == null ? null : passwords.encode(request.password());
        boolean active = request.active() == null || request.active();
        operators.update(tenantId, id, request.name(), request.role(), request.shopId(), active, hash);
        if (hash != null) {
            operators.revokeLoginTokens(tenantId, id);
        }
        known.forgetAll();
        publish(
                actor,
                tenantId,
                Kind.OPERATOR_CHANGED,
                existing.username(),
                "operator " + id + ": " + existing.role() + " -> " + request.role() + (active ? "" : ", deactivated"));
        if (hash != null) {
            publish(
                    actor,
                    tenantId,
                    Kind.PASSWORD_CHANGED,
                    existing.username(),
                    "set by an administrator; login tokens revoked");
        }
    }

    /** Operators are never deleted, since bills name them: they are deactivated and can no longer sign in. */
    @Transactional
    public void deactivate(Caller actor, long tenantId, long id) {
        Operator existing = get(tenantId, id);
        operators.update(tenantId, id, existing.name(), existing.role(), existing.shopId(), false, null);
        known.forgetAll();
        publish(actor, tenantId, Kind.OPERATOR_DEACTIVATED, existing.username(), "operator " + id);
    }

    private void publish(Caller actor, long tenantId, Kind kind, String username, String detail) {
        events.publishEvent(new SecurityEvent(
                tenantId,
                kind,
                actor == null ? null : actor.operatorId(),
                actor == null ? null : actor.apiKeyId(),
                username,
                ClientAddress.current(),
                detail));
    }

    /**
     * The names of the tenant's operators among {@code ids}, for lists that say who did what (a
     * card's transactions); an id of no operator of the tenant is absent, a nameless operator's
     * name is null.
     */
    public Map<Long, String> namesOf(long tenantId, Collection<Long> ids) {
        return operators.names(tenantId, ids);
    }

    boolean isActive(long tenantId, long id) {
        return operators.isActive(tenantId, id);
    }

    private static void checkTenantRole(Role role) {
        if (role == Role.PLATFORM_ADMIN) {
            throw BusinessException.invalid("role", "error.roleNotAllowed");
        }
    }
}
