package com.membercard.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /** Messages are Chinese unless the caller asks for English with {@code Accept-Language: en}. */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        return resolver;
    }

    /**
     * The API speaks JSON only, so its answers are JSON whatever the Accept header asks: an odd
     * Accept can neither hide a committed command's answer behind a 406 nor turn a failure into an
     * HTML page. Other paths (documentation, actuator) negotiate as usual.
     */
    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        HeaderContentNegotiationStrategy byAcceptHeader = new HeaderContentNegotiationStrategy();
        configurer.strategies(List.of(request ->
                isApi(request) ? List.of(MediaType.APPLICATION_JSON) : byAcceptHeader.resolveMediaTypes(request)));
    }

    private static boolean isApi(NativeWebRequest request) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        return servletRequest != null
                && servletRequest.getRequestURI().startsWith(servletRequest.getContextPath() + "/api/");
    }
}
