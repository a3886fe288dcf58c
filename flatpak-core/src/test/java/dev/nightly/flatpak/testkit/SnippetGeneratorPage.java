package dev.nightly.flatpak.testkit;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Jenkins' Snippet Generator ({@code JOB/pipeline-syntax/}) used as a person uses it, in a real browser:
 * pick a step, which loads its {@code config.jelly} form, fill fields, press "Generate Pipeline Script"
 * and read the statement. Knows nothing of Jenkins classes: only the page, so that both plugins' tests
 * share it.
 */
public final class SnippetGeneratorPage {
    private SnippetGeneratorPage() {
    }

    /**
     * Generates the snippet of {@code step} with the given form fields.
     *
     * @param pipelineSyntaxUrl absolute URL of a Pipeline job's {@code pipeline-syntax/} page
     * @param fields            field name to value: text for text boxes, the option value for selects,
     *                          {@code "true"}/{@code "false"} for check boxes
     */
    public static String generate(HeadlessChromium browser, String pipelineSyntaxUrl, String step, Map<String, String> fields) {
        browser.driver().get(pipelineSyntaxUrl);
        WebElement steps = browser.await(d -> d.findElement(By.cssSelector("form[name='config'] select.dropdownList")));
        Select select = new Select(steps);
        WebElement option = select.getOptions().stream()
                .filter(o -> o.getText().startsWith(step + ":"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the Snippet Generator does not offer " + step));
        select.selectByVisibleText(option.getText());
        // The step's form is rendered on demand; it is there once its first field is shown.
        for (Map.Entry<String, String> field : fields.entrySet()) {
            WebElement input = browser.await(d -> shown(browser, d.findElements(By.name("_." + field.getKey()))));
            set(browser, input, field.getValue());
        }
        browser.await(d -> shown(browser, d.findElements(By.id("generatePipelineScript")))).click();
        return browser.await(d -> {
            Object value = browser.js("const t = document.getElementById('prototypeText'); return t ? t.value : '';");
            return value == null || value.toString().isEmpty() ? null : value.toString();
        });
    }

    /** The first element on screen; Jenkins draws its own check box over a hidden input, so the input's box counts. */
    private static WebElement shown(HeadlessChromium browser, List<WebElement> elements) {
        return elements.stream()
                .filter(e -> e.isDisplayed() || Boolean.TRUE.equals(browser.js(
                        "return arguments[0].type === 'checkbox' && !!arguments[0].closest('.jenkins-checkbox')"
                                + " && arguments[0].closest('.jenkins-checkbox').offsetParent !== null", e)))
                .findFirst()
                .orElse(null);
    }

    private static void set(HeadlessChromium browser, WebElement input, String value) {
        String type = String.valueOf(input.getAttribute("type"));
        if (input.getTagName().equals("select")) {
            new Select(input).selectByValue(value);
        } else if (type.equals("checkbox")) {
            if (input.isSelected() != Boolean.parseBoolean(value)) {
                // The visible label toggles the hidden input, as a click of a person does.
                browser.js("arguments[0].click();", input);
            }
        } else {
            input.clear();
            input.sendKeys(value);
        }
    }
}
