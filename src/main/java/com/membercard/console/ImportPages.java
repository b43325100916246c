package com.membercard.console;

import com.membercard.catalog.CardClasses;
import com.membercard.catalog.MemberLevels;
import com.membercard.importing.ImportErrorReports;
import com.membercard.importing.ImportStarted;
import com.membercard.importing.MemberUploads;
import com.membercard.tenancy.Caller;
import com.membercard.tenancy.ShopManagement;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Member import (op38) by upload, through the importing module's own upload; the job's page follows
 * its progress (htmx asks every second until it is done), shows, once, the key that opens the card
 * secrets the server drew, and offers the error report of the rows refused or skipped.
 */
@Controller
class ImportPages {

    private final MemberUploads uploads;
    private final CardClasses classes;
    private final MemberLevels levels;
    private final ShopManagement shops;
    private final ConsoleForms forms;
    private final ImportErrorReports errorReports;

    ImportPages(
            MemberUploads uploads,
            CardClasses classes,
            MemberLevels levels,
            ShopManagement shops,
            ConsoleForms forms,
            ImportErrorReports errorReports) {
        this.uploads = uploads;
        this.errorReports = errorReports;
        this.classes = classes;
        this.levels = levels;
        this.shops = shops;
        this.forms = forms;
    }

    @GetMapping("/console/import")
    String form(@AuthenticationPrincipal Caller caller, Model model) {
        return page(caller.tenantId(), model);
    }

    @PostMapping("/console/import")
    String upload(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String memberCardClassId,
            @RequestParam(required = false) String memberLevelId,
            @RequestParam(required = false) String shopId,
            Model model,
            RedirectAttributes redirect) {
        ImportStarted started = forms.submit(
                model,
                () -> uploads.start(
                        caller,
                        file == null
                                        || file.isEmpty()
                                                && file.getOriginalFilename().isBlank()
                                ? null
                                : file,
                        ConsoleForms.number("memberCardClassId", memberCardClassId),
                        ConsoleForms.number("memberLevelId", memberLevelId),
                        ConsoleForms.number("shopId", shopId)));
        if (started == null) {
            return page(caller.tenantId(), model);
        }
        redirect.addFlashAttribute("started", started);
        return "redirect:/console/import/jobs/" + started.jobId();
    }

    @GetMapping("/console/import/jobs/{id}")
    String job(
            @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("job", uploads.job(caller.tenantId(), id));
        return htmx != null ? "console/import-job :: progress" : "console/import-job";
    }

    /** The job's error report, the same bytes as the API's {@code …/errors?format=xlsx}; another tenant's job is 404. */
    @GetMapping("/console/import/jobs/{id}/errors.xlsx")
    ResponseEntity<StreamingResponseBody> errors(@AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return errorReports.of(caller.tenantId(), id, "xlsx");
    }

    private String page(long tenantId, Model model) {
        model.addAttribute("classes", classes.list(tenantId));
        model.addAttribute("levels", levels.list(tenantId));
        model.addAttribute("shops", shops.list(tenantId));
        return "console/import";
    }
}
