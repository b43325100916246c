package com.membercard.console;

import com.membercard.shared.BusinessException;
import com.membercard.shared.web.WebConfig;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.ConsoleSessions;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in, the one-time password's change, sign-out, the language switch and the refusal page. */
@Controller
class SignInPages {

    private final ConsoleSessions sessions;
    private final ConsoleForms forms;

    SignInPages(ConsoleSessions sessions, ConsoleForms forms) {
        this.sessions = sessions;
        this.forms = forms;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping("/console/login")
    String loginPage() {
        return "console/login";
    }

    @PostMapping("/console/login")
    String login(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("username", username);
        Boolean mustChange = forms.submit(model, () -> {
            requireFilled("username", username);
            requireFilled("password", password);
            return sessions.signIn(username, password, request);
        });
        if (mustChange == null) {
            return "console/login";
        }
        return mustChange ? "redirect:/console/password" : "redirect:/console";
    }

    @GetMapping("/console/password")
    String passwordPage() {
        return "console/password";
    }

    @PostMapping("/console/password")
    String changePassword(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            HttpServletRequest request,
            Model model) {
        if (forms.submit(model, () -> {
                    sessions.changePassword(caller, currentPassword, newPassword, request);
                    return Boolean.TRUE;
                })
                == null) {
            return "console/password";
        }
        return "redirect:/console?passwordChanged";
    }

    @PostMapping("/console/logout")
    String logout(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        sessions.signOut(caller, request);
        return "redirect:/console/login?signedOut";
    }

    /** The switch between 中文 and English, remembered for a year in a cookie the API never reads. */
    @GetMapping("/console/language")
    String language(
            @RequestParam String lang,
            @RequestHeader(name = "Referer", required = false) String referer,
            HttpServletRequest request,
            HttpServletResponse response) {
        Cookie cookie = new Cookie(WebConfig.LANGUAGE_COOKIE, "en".equals(lang) ? "en" : "zh-CN");
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return "redirect:" + backTo(referer, request);
    }

    /** Also for a refused POST: Spring Security forwards it here as it came. */
    @RequestMapping("/console/denied")
    String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }

    /** Back to the page the switch was clicked on, if it was one of ours; else the console's home. */
    private static String backTo(String referer, HttpServletRequest request) {
        String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        String console = request.getContextPath() + "/console";
        if (referer != null && referer.startsWith(origin + console)) {
            String path = referer.substring(origin.length());
            if (!path.startsWith(console + "/language")) {
                return path;
            }
        }
        return "/console";
    }

    private static void requireFilled(String field, String value) {
        if (value.isBlank()) {
            throw BusinessException.invalid(field, "error.required");
        }
    }
}
