package com.membercard.shared.web;

import com.membercard.shared.BusinessCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String DESCRIPTION = """
            Membership and stored-value card service (会员卡系统).

            **Credentials.** Every call but sign-in carries `Authorization: Bearer <secret>`: an API key
            (`mk_…`, for POS terminals, created under /api/v1/api-keys) or a login token (`lt_…`, from
            POST /api/v1/auth/login). The credential fixes the tenant.

            **Answers.** Queries (op01–op18) return their documented body as is; commands (op19–op40) return
            the envelope `{status, message, data}`. Every failure returns the envelope with a business code in
            `status` (the contract) and a fitting HTTP status (a courtesy). Messages are Chinese unless
            `Accept-Language: en`. A 400 names the field in `message` and in `data.field`.

            **Business codes.** %s
            """;

    @Bean
    OpenAPI membercardOpenApi(MessageSource messages) {
        String codes = Arrays.stream(BusinessCode.values())
                .map(code -> "`" + code.code() + "` " + text(messages, code) + " / " + english(messages, code))
                .collect(Collectors.joining("; "));
        return new OpenAPI()
                .info(new Info()
                        .title("Member card service API")
                        .version("v1")
                        .description(DESCRIPTION.formatted(codes)))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Lists on each operation the business codes of its {@link BusinessCodes}, with their meaning. */
    @Bean
    OperationCustomizer businessCodes(MessageSource messages) {
        Map<Integer, BusinessCode> byNumber =
                Arrays.stream(BusinessCode.values()).collect(Collectors.toMap(BusinessCode::code, Function.identity()));
        return (operation, handler) -> {
            BusinessCodes annotation = handler.getMethodAnnotation(BusinessCodes.class);
            int[] listed = annotation == null ? new int[0] : annotation.value();
            String lines = IntStream.concat(
                            IntStream.of(200), IntStream.concat(IntStream.of(listed), IntStream.of(401, 403, 503)))
                    .mapToObj(byNumber::get)
                    .map(code -> "- `" + code.code() + "` " + text(messages, code) + " / " + english(messages, code))
                    .collect(Collectors.joining("\n"));
            String before = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
            operation.setDescription(before + "Business codes (`status`):\n" + lines);
            return operation;
        };
    }

    private static String text(MessageSource messages, BusinessCode code) {
        return messages.getMessage(code.messageKey(), null, Locale.SIMPLIFIED_CHINESE);
    }

    private static String english(MessageSource messages, BusinessCode code) {
        return messages.getMessage(code.messageKey(), null, Locale.ENGLISH);
    }
}
