package com.membercard.shared.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.web.util.WebUtils;

@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    /** The admin console's language switch, remembered in the browser: {@code zh-CN} or {@code en}. */
    public static final String LANGUAGE_COOKIE = "membercard-lang";

    private static final List<Locale> LANGUAGES = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    /**
     * Messages are Chinese unless the caller asks for English: with {@code Accept-Language: en} on
     * the API, by the language switch ({@link #LANGUAGE_COOKIE}) on the admin console's pages,
     * which are Chinese until it is used whatever the browser's language. Only the console reads
     * the cookie, so every other answer stays as before whatever a browser holds.
     */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver byHeader = new AcceptHeaderLocaleResolver();
        byHeader.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        byHeader.setSupportedLocales(LANGUAGES);
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (!path.equals("/") && !path.startsWith("/console")) {
                    return byHeader.resolveLocale(request);
                }
                Cookie cookie = WebUtils.getCookie(request, LANGUAGE_COOKIE);
                Locale chosen = cookie == null ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(cookie.getValue());
                return LANGUAGES.contains(chosen) ? chosen : Locale.SIMPLIFIED_CHINESE;
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("the console sets the language cookie itself");
            }
        };
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
