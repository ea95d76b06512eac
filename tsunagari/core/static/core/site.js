// The site's only script (the Content-Security-Policy allows no inline script or handler).
// A button marked data-print prints the page; without JavaScript it is simply hidden.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
