package ftx.app.common;

import javafx.scene.Node;

/**
 * The controls a lesson may point at carry an id made from their lesson name ("generate.generate"
 * becomes "lesson-generate-generate"), so that the Lesson panel finds them on any page and outlines
 * the one a step is about with the "lesson-target" style class.
 */
public final class LessonTarget {
    /** The style class of the outlined control. */
    public static final String STYLE = "lesson-target";

    private LessonTarget() {
    }

    /** Names node for lessons. */
    public static void mark(Node node, String lessonName) {
        node.setId(id(lessonName));
    }

    /** The CSS id of a lesson name. */
    public static String id(String lessonName) {
        return "lesson-" + lessonName.replace('.', '-');
    }

    /**
     * The node named lessonName under root, or null; it also looks inside scroll and split panes
     * whose page has not been shown yet (their content is not yet among their children).
     */
    public static Node find(Node root, String lessonName) {
        String id = id(lessonName);
        return NodeWalk.first(root, n -> id.equals(n.getId()));
    }
}
