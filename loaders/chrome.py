"""Page chrome of saved web pages and news sites: menus, bylines, view counters, related-article lists, comment
boxes and footers. Their units stay in the document (line numbers do not move) but are not read for figures."""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.formats.units import TextUnit

_END_OF_ARTICLE = re.compile(
    r"^\s*(?:các\s+)?(?:(?:tin|tin\s+tức|bài|bài\s+viết)\s+(?:liên\s+quan|cùng\s+chuyên\s+mục|khác)|"
    r"tin\s+mới(?:\s+nhất)?|tin\s+đọc\s+nhiều|xem\s+thêm|đọc\s+thêm|có\s+thể\s+bạn\s+quan\s+tâm|"
    r"bình\s+luận|ý\s+kiến\s+bạn\s+đọc|gửi\s+bình\s+luận|các\s+tin\s+đã\s+đưa)\b",
    re.IGNORECASE,
)
_CHROME_LINE = re.compile(
    r"©|bản\s+quyền|giấy\s+phép\s+số|lượt\s+xem|^\s*(?:điện\s+thoại|địa\s+chỉ|email|fax|hotline)\s*:|"
    r"^\s*(?:trang\s+chủ|đăng\s+nhập|đăng\s+ký|tìm\s+kiếm|chia\s+sẻ|in\s+bài|cỡ\s+chữ|từ\s+khóa)\b|"
    r"no\s+image|image\s+banner|^\s*\[ảnh\]",
    re.IGNORECASE,
)


def ends_article(text: str) -> bool:
    """A heading that closes an article on a news page ('Tin liên quan', 'Tin cùng chuyên mục', 'Đọc thêm')."""
    return bool(_END_OF_ARTICLE.match(text)) and len(text) < 60


def chrome_lines(units: Sequence[TextUnit], is_web_page: bool) -> set[int]:
    """Line numbers of units that are page chrome, not the article."""
    skip: set[int] = set()
    ended = False
    for u in units:
        text = u.text.strip()
        if not text:
            continue
        if is_web_page and ends_article(text):
            ended = True
        if ended or _CHROME_LINE.search(text) or (text.count("|") >= 2 and "\t" not in u.text):
            skip.add(u.line)
    return skip
