package com.membercard.sharding;

import com.membercard.shared.jdbc.SpansNodes;
import com.membercard.tenancy.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Binds a tenant's API request to its tenant ({@link TenantRoutingDataSource}) from its handler's
 * start to its answer, so that its statements go to the pool of the tenant's node directly. Left to
 * ShardingSphere: a platform administrator's request (no tenant, or a tenant it names), a handler
 * marked {@link SpansNodes}, and what runs before the handler (the credential's lookup, which starts
 * at the credential directory on node 0). The admin console's pages are left to ShardingSphere too:
 * they are not part of the payment path, and the sharded test run drives the API only.
 *
 * <p>The tenant is bound, not its node: each connection taken looks the node up
 * ({@link TenantRoutingDataSource}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ShardedModeCondition.class)
class TenantRequestRouting implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new Binding()).addPathPatterns("/api/**");
    }

    /**
     * Binds at the handler's start and unbinds when the request's thread lets it go: at its end, or
     * when an answer streamed later (an export) leaves the thread, whose next request must not find
     * the binding (the stream itself runs unbound, through ShardingSphere).
     */
    private static final class Binding implements AsyncHandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            TenantRoutingDataSource.unbind();
            if (handler instanceof HandlerMethod method && !spansNodes(method)) {
                Caller.current()
                        .filter(caller -> caller.tenant() != null)
                        .ifPresent(caller -> TenantRoutingDataSource.bind(caller.tenant()));
            }
            return true;
        }

        @Override
        public void afterConcurrentHandlingStarted(
                HttpServletRequest request, HttpServletResponse response, Object handler) {
            TenantRoutingDataSource.unbind();
        }

        @Override
        public void afterCompletion(
                HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
            TenantRoutingDataSource.unbind();
        }
    }

    private static boolean spansNodes(HandlerMethod method) {
        return method.hasMethodAnnotation(SpansNodes.class)
                || method.getBeanType().isAnnotationPresent(SpansNodes.class);
    }
}
