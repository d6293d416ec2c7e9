package dev.rerank4j.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses the report's markup as XML (the page is written well-formed, so a stray {@code <} or {@code &} fails). */
final class Xml {
    private Xml() {}

    static Document parse(String markup) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)));
    }

    /** The elements named {@code tag}, in document order. */
    static List<Element> all(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    /** The elements named {@code tag} whose class attribute holds {@code cls}. */
    static List<Element> withClass(Document doc, String tag, String cls) {
        return all(doc, tag).stream()
                .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cls))
                .toList();
    }

    static Element byId(Document doc, String id) {
        return all(doc, "*").stream()
                .filter(e -> id.equals(e.getAttribute("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no element with id " + id));
    }
}
