"""An 整改 notice and replies to it, written in code (QA10's material, shortened): for the tests of
what is a unit's report (own outputs, pasted notice, file-name units, revisions, inspection teams)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

NOTICE = """江州市人民政府办公室关于抓紧做好督察反馈问题整改工作的通知
各区人民政府，市政府各有关部门：
为切实抓好督察反馈问题整改工作，经市政府同意，现将有关事项通知如下。
一、重点任务
（一）全力推进水污染治理。市水务局要加快城区黑臭水体治理，2026年9月30日前完成青龙河段截污纳管和清淤疏浚，确保不返黑不返臭。
（二）深入开展大气污染防治。市生态环境局要牵头开展工业企业挥发性有机物专项执法检查，2026年5月底前实现重点企业全覆盖。
（三）加快农业面源污染治理。市农业农村局要推进畜禽养殖粪污处理设施建设，年底前全市畜禽粪污综合利用率达到80%以上。
（四）整治餐厨垃圾臭气扰民。西山区人民政府要加装餐厨垃圾处理厂除臭设施，开展第三方臭气浓度监测，2026年6月底前完成。
（五）严格建筑工地扬尘管控。市住房和城乡建设局要落实“六个百分之百”要求，安装视频监控，长期坚持。
二、工作要求
（一）按时报送进展。各责任单位要于每月25日前向市生态环境局报送整改进展情况。
联系人：市生态环境局督察整改科 王明，电话：0791-12345678。
江州市人民政府办公室
2026年1月15日
"""

WATER = """市水务局关于青龙河段黑臭水体整改情况的报告
市人民政府办公室：
我局已完成青龙河段截污纳管工程，新建截污管网3.2公里，完成清淤疏浚1.5万立方米，水质监测连续两个月达标。
每月25日前向市生态环境局报送整改进展情况。
市水务局
2026年7月5日
"""

XISHAN_ANSWER = """西山区人民政府关于餐厨垃圾处理厂臭气扰民问题整改情况的报告
市人民政府办公室：
收到上述通知后，我区立即组织整改，现将情况报告如下。
我区已完成餐厨垃圾处理厂除臭设施加装，委托第三方检测机构开展臭气浓度监测，连续3个月监测结果均达标，周边群众投诉由每月40余件下降至2件。
西山区人民政府
2026年4月2日
"""

INDUSTRY_FIRST = """市工业和信息化局关于工业企业VOCs治理问题整改情况的报告
市生态环境局：
我局配合开展工业企业挥发性有机物专项执法检查，已检查企业45家，发现问题18个，已整改10个。
存在问题：尚有8个问题未完成整改。
市工业和信息化局
2026年5月20日
"""

INDUSTRY_REVISED = """市工业和信息化局关于工业企业VOCs治理问题整改情况的报告（修订稿）
市生态环境局：
我局配合开展工业企业挥发性有机物专项执法检查，已检查企业45家，发现问题18个，已全部整改到位。
市工业和信息化局
2026年6月1日
"""

INSPECTION = """市督察整改督查组关于督查情况的报告
市人民政府：
按照市政府统一部署，督查组于2026年5月对各区、各部门整改工作开展督查，现将有关情况报告如下。
一、西山区
西山区餐厨垃圾处理厂除臭设施已加装，第三方臭气浓度监测已开展，整改成效明显。
二、市住房和城乡建设局
市住建局已落实“六个百分之百”要求，抽查的12个工地均已安装视频监控。
三、下一步建议
建议持续跟踪，巩固整改成效。
市督察整改督查组
2026年5月30日
"""

# "我局…" with no signature: the unit is only in the file name (QA10 N4)
UNSIGNED_BUREAU = """关于督察反馈问题整改工作进展情况的报告
一、工作开展情况
我局牵头开展工业企业挥发性有机物专项执法检查，5月底前已检查重点企业126家，实现全覆盖，立案查处违法行为23起。
每月汇总整改进展情况并按时报送。
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def docx_bytes(text: str) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def gaps_csv(folder: Path) -> list[dict]:
    with open(folder / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def said(err: str) -> dict[str, str]:
    """stderr's "duban: NAME: what" lines, by name."""
    return {m.group(1): m.group(2) for m in re.finditer(r"^duban: (.+?): (.+)$", err, re.M)}
