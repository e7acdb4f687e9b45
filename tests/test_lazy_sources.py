"""A section's own source list waits to be drawn until it nears the screen
(a lighter first layout on a phone), and a source number still lands on its
entry, whether followed in the page or typed as an address."""

from __future__ import annotations

from playwright.sync_api import expect

FAR_SOURCE = """() => {
  const items = [...document.querySelectorAll("ol.ar-sources > li")];
  const far = items[items.length - 1];
  return [items.length, getComputedStyle(far).contentVisibility,
          document.querySelector(".md-content").classList.contains("ar-render-all")];
}"""


def test_a_sections_source_list_draws_lazily_and_its_anchors_land(mobile_page, site_server):
    mobile_page.goto(site_server + "read/sanctions/", wait_until="networkidle")
    count, visibility, drawn_all = mobile_page.evaluate(FAR_SOURCE)
    assert count >= 10 and visibility == "auto" and drawn_all is False
    last = mobile_page.locator("ol.ar-sources > li").last
    anchor = "#" + last.get_attribute("id")
    # Followed within the page: drawn whole, the entry on screen.
    mobile_page.evaluate(f"location.hash = '{anchor}'")
    mobile_page.wait_for_timeout(300)
    expect(last).to_be_in_viewport()
    assert mobile_page.evaluate(FAR_SOURCE)[2] is True
    # Typed as an address.
    mobile_page.goto(site_server + "read/opening/#source-1", wait_until="networkidle")
    mobile_page.wait_for_timeout(300)
    expect(mobile_page.locator("#source-1")).to_be_in_viewport()
