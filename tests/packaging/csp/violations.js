// Records every Content-Security-Policy violation of the page in window.__violations.
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
	window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
});
