package dev.vigil.server.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is logged in and the CSRF token for its forms. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
  private final ConsoleTimes times;

  ConsoleModel(ConsoleTimes times) {
    this.times = times;
  }

  @ModelAttribute("times")
  ConsoleTimes times() {
    return times;
  }

  @ModelAttribute("console")
  ConsoleSession console(HttpServletRequest req) {
    Object s = req.getAttribute(ConsoleSession.ATTRIBUTE);
    return s == null ? null : (ConsoleSession) s;
  }
}
