package ftx.app.common;

import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;

/**
 * A walk over a page's nodes that also enters scroll and split panes whose page has not been shown
 * yet (their content is not among their children until they are skinned).
 */
public final class NodeWalk {
    private NodeWalk() {
    }

    /** The first node under root (root included, depth first) that test accepts, or null. */
    public static Node first(Node root, Predicate<Node> test) {
        if (test.test(root)) {
            return root;
        }
        if (root instanceof ScrollPane s && s.getContent() != null) {
            Node n = first(s.getContent(), test);
            if (n != null) {
                return n;
            }
        }
        if (root instanceof SplitPane s) {
            for (Node item : s.getItems()) {
                Node n = first(item, test);
                if (n != null) {
                    return n;
                }
            }
        }
        if (root instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Node n = first(child, test);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    /** Visits every node under root (root included). */
    public static void each(Node root, java.util.function.Consumer<Node> visit) {
        first(root, n -> {
            visit.accept(n);
            return false;
        });
    }
}
