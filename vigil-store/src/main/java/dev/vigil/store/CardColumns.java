package dev.vigil.store;

import dev.vigil.core.finding.Severity;
import dev.vigil.core.outbox.ChatAttachment;
import dev.vigil.core.outbox.FindingCard;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a finding card and a chart are kept in the {@code card} and {@code attachment_*} columns. */
final class CardColumns {
  private CardColumns() {}

  static Optional<String> write(Optional<FindingCard> card) {
    return card.map(c -> {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("title", c.title());
      doc.put("severity", c.severity().name());
      doc.put("summary", c.summary());
      List<Map<String, String>> lines = new ArrayList<>();
      for (FindingCard.Line line : c.evidence()) {
        lines.add(Map.of("label", line.label(), "observed", line.observed(), "baseline", line.baseline()));
      }
      doc.put("evidence", lines);
      c.link().ifPresent(l -> doc.put("link", l.toString()));
      c.nextStep().ifPresent(s -> doc.put("nextStep", s));
      c.owner().ifPresent(o -> doc.put("owner", o));
      return Json.write(doc);
    });
  }

  static Optional<FindingCard> readCard(ResultSet rs) throws SQLException {
    String json = rs.getString("card");
    if (json == null) {
      return Optional.empty();
    }
    Map<String, Object> doc = Json.readMap(json);
    List<FindingCard.Line> lines = new ArrayList<>();
    for (Object item : (List<?>) doc.getOrDefault("evidence", List.of())) {
      Map<?, ?> line = (Map<?, ?>) item;
      lines.add(new FindingCard.Line((String) line.get("label"), (String) line.get("observed"), (String) line.get("baseline")));
    }
    return Optional.of(new FindingCard((String) doc.get("title"), Severity.valueOf((String) doc.get("severity")),
        (String) doc.get("summary"), lines, Optional.ofNullable((String) doc.get("link")).map(URI::create),
        Optional.ofNullable((String) doc.get("nextStep")), Optional.ofNullable((String) doc.get("owner"))));
  }

  static Optional<ChatAttachment> readAttachment(ResultSet rs) throws SQLException {
    String name = rs.getString("attachment_name");
    return name == null ? Optional.empty()
        : Optional.of(new ChatAttachment(name, rs.getString("attachment_alt"), rs.getBytes("attachment_content")));
  }
}
