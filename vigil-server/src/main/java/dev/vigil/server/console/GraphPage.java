package dev.vigil.server.console;

import dev.vigil.core.finding.FindingStatus;
import dev.vigil.core.graph.ContextGraph;
import dev.vigil.core.graph.ContextGraph.Direction;
import dev.vigil.core.graph.Deploy;
import dev.vigil.core.graph.Edge;
import dev.vigil.core.graph.NodeId;
import dev.vigil.core.graph.NodeKind;
import dev.vigil.core.port.FindingStore;
import dev.vigil.graph.LiveContextGraph;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The context graph around one service, N hops each way, drawn on the server as SVG: what needs the
 * service on the left, what it needs on the right, one column per hop; each node with its owners,
 * latest deploy and open findings, and a link to centre the view on it.
 */
@Controller
public class GraphPage {
  static final int MAX_HOPS = 4;
  static final int NODE_WIDTH = 210;
  static final int NODE_HEIGHT = 74;
  static final int COLUMN = 270;
  static final int ROW = 96;
  static final int MARGIN = 20;
  private static final Duration RECENT = Duration.ofDays(7);
  /** Open findings are counted up to this many per node; more shows as "100+". */
  private static final int MAX_COUNTED = 100;
  private final LiveContextGraph graph;
  private final FindingStore findings;
  private final Clock clock;

  public GraphPage(LiveContextGraph graph, FindingStore findings, Clock clock) {
    this.graph = graph;
    this.findings = findings;
    this.clock = clock;
  }

  /** A drawn node: where it is, what it says, where it links. */
  public record Box(NodeId id, int x, int y, int hops, boolean center, String label, String owners,
      Optional<Deploy> lastDeploy, int openFindings, String href) {
    public String findingsText() {
      return openFindings >= MAX_COUNTED ? MAX_COUNTED + "+ open findings"
          : openFindings == 1 ? "1 open finding" : openFindings + " open findings";
    }
  }

  /** A drawn edge between two boxes, from the right side of one to the left side of the other. */
  public record Line(Box from, Box to, String kind, String path) {}

  @GetMapping("/graph")
  public String graph(@RequestParam(defaultValue = "") String service, @RequestParam(defaultValue = "1") int hops,
      Model model) {
    ContextGraph snapshot = graph.snapshot();
    List<String> services = snapshot.nodes(NodeKind.SERVICE).stream().map(n -> n.id().name()).toList();
    int depth = Math.max(1, Math.min(MAX_HOPS, hops));
    model.addAttribute("services", services);
    model.addAttribute("hops", depth);
    model.addAttribute("maxHops", MAX_HOPS);
    model.addAttribute("builtAt", snapshot.builtAt());
    model.addAttribute("problems", snapshot.problems());
    String chosen = service.isBlank() ? (services.isEmpty() ? "" : services.get(0)) : service.trim();
    model.addAttribute("service", chosen);
    if (chosen.isEmpty()) return "console/graph";
    NodeId center = NodeId.service(chosen);
    if (snapshot.node(center).isEmpty()) {
      model.addAttribute("problem", "No service '" + chosen + "' in the graph.");
      return "console/graph";
    }
    Map<NodeId, Integer> column = new LinkedHashMap<>();
    column.put(center, 0);
    snapshot.neighbours(center, Direction.DEPENDENTS, depth).forEach(r -> column.putIfAbsent(r.node(), -r.hops()));
    snapshot.neighbours(center, Direction.DEPENDENCIES, depth).forEach(r -> column.putIfAbsent(r.node(), r.hops()));
    Instant now = clock.instant();
    Map<NodeId, Box> boxes = new LinkedHashMap<>();
    Map<Integer, Integer> rows = new LinkedHashMap<>();
    int leftmost = column.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    for (Map.Entry<NodeId, Integer> e : column.entrySet()) {
      NodeId id = e.getKey();
      int row = rows.merge(e.getValue(), 1, Integer::sum) - 1;
      int x = MARGIN + (e.getValue() - leftmost) * COLUMN;
      int y = MARGIN + row * ROW;
      boolean isService = id.kind() == NodeKind.SERVICE;
      String owners = String.join(", ", snapshot.owners(id).stream().map(o -> o.who().name()).distinct().toList());
      Optional<Deploy> deploy = snapshot.recentChanges(id, 0, now.minus(RECENT), now).stream().findFirst();
      int open = isService ? findings.list(new FindingStore.Filter(id.name(), null, FindingStatus.OPEN, null),
          MAX_COUNTED).size() : 0;
      String label = isService ? id.name() : id.kind().name().toLowerCase() + ":" + id.name();
      boxes.put(id, new Box(id, x, y, e.getValue(), id.equals(center), label, owners, deploy, open,
          isService ? "/graph?service=" + java.net.URLEncoder.encode(id.name(), java.nio.charset.StandardCharsets.UTF_8)
              + "&hops=" + depth : null));
    }
    List<Line> lines = new ArrayList<>();
    for (Box from : boxes.values()) {
      for (Edge edge : snapshot.edgesFrom(from.id())) {
        Box to = boxes.get(edge.to());
        if (to == null || to == from) continue;
        lines.add(new Line(from, to, edge.kind().wire(), path(from, to)));
      }
    }
    int columns = rows.size();
    int height = rows.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    model.addAttribute("boxes", boxes.values());
    model.addAttribute("lines", lines);
    model.addAttribute("width", 2 * MARGIN + (columns - 1) * COLUMN + NODE_WIDTH);
    model.addAttribute("height", 2 * MARGIN + (height - 1) * ROW + NODE_HEIGHT);
    return "console/graph";
  }

  /** A curve from the right edge of one box to the left edge of the other (or back, when it points left). */
  private static String path(Box from, Box to) {
    boolean forward = to.x() >= from.x();
    int x1 = forward ? from.x() + NODE_WIDTH : from.x();
    int x2 = forward ? to.x() : to.x() + NODE_WIDTH;
    int y1 = from.y() + NODE_HEIGHT / 2;
    int y2 = to.y() + NODE_HEIGHT / 2;
    int bend = Math.max(40, Math.abs(x2 - x1) / 2);
    int c1 = forward ? x1 + bend : x1 - bend;
    int c2 = forward ? x2 - bend : x2 + bend;
    return "M" + x1 + "," + y1 + " C" + c1 + "," + y1 + " " + c2 + "," + y2 + " " + x2 + "," + y2;
  }
}
