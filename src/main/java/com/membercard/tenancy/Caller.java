package com.membercard.tenancy;

import com.membercard.shared.BusinessCode;
import com.membercard.shared.BusinessException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the credential says: the only source of a request's tenant. Controllers take
 * it with {@code @AuthenticationPrincipal} and pass {@link #tenantId()} to the services; nothing in
 * a request body or query can move a caller into another tenant (except the few operations where a
 * platform administrator names one, see {@link #tenantOrNamed}).
 *
 * @param tenant the caller's tenant; null only for a platform administrator
 * @param operatorId the operator signed in, or null for an API key
 * @param apiKeyId the API key used, or null for a signed-in operator
 * @param shopId the shop the credential is bound to, if any
 */
public record Caller(Long tenant, Role role, Long operatorId, Long apiKeyId, Long shopId, String name) {

    /** The caller's tenant. The access rules keep platform administrators off tenant endpoints. */
    public long tenantId() {
        if (tenant == null) {
            throw new BusinessException(BusinessCode.FORBIDDEN);
        }
        return tenant;
    }

    public boolean isPlatformAdmin() {
        return role == Role.PLATFORM_ADMIN;
    }

    /**
     * For op04/op10: a platform administrator reads the tenant it names (and must name one); for
     * anyone else the named tenant is not honoured and their own is read.
     */
    public long tenantOrNamed(Long namedTenantId) {
        if (!isPlatformAdmin()) {
            return tenantId();
        }
        if (namedTenantId == null) {
            throw BusinessException.invalid("tenantId", "error.required");
        }
        return namedTenantId;
    }

    /** The credential itself, as a key for what is counted per credential: {@code key:12}, {@code operator:5}. */
    public String credential() {
        return apiKeyId != null ? "key:" + apiKeyId : "operator:" + operatorId;
    }

    /** The caller of the request in progress on this thread, if any (none in background jobs). */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller)
                : Optional.empty();
    }
}
