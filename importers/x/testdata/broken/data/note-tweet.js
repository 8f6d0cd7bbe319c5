<html><body>Rate limit exceeded</body></html>
