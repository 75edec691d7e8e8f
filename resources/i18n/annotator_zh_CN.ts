<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../annotator/ui/help.py" line="111"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../annotator/ui/help.py" line="132"/>
        <source>About Annotator</source>
        <translation>关于 Annotator</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="133"/>
        <source>no project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="134"/>
        <source>Annotator: hand-annotating news articles, one SQLite file per project.</source>
        <translation>Annotator：手工标注新闻文章，每个项目一个 SQLite 文件。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="136"/>
        <source>Project file: {0}</source>
        <translation>项目文件：{0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="143"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../annotator/ui/actions.py" line="43"/>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="43"/>
        <source>Create an empty project file</source>
        <translation>创建一个空的项目文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="44"/>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="44"/>
        <source>Open a project file</source>
        <translation>打开一个项目文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="45"/>
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="45"/>
        <source>Import articles from files or folders</source>
        <translation>从文件或文件夹导入文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="46"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="46"/>
        <source>Export articles and spans in a dataset format (native JSONL, doccano, Label Studio, brat, CoNLL, spaCy, CLUENER, CSV)</source>
        <translation>以数据集格式导出文章和标注（原生 JSONL、doccano、Label Studio、brat、CoNLL、spaCy、CLUENER、CSV）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="47"/>
        <source>Import &amp;Teammate&apos;s Work…</source>
        <translation>导入队友的工作(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="47"/>
        <source>Merge teammates&apos; project files into this one, after a preview</source>
        <translation>预览后将队友的项目文件合并到本项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="48"/>
        <source>&amp;Assign Work…</source>
        <translation>分配工作(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="48"/>
        <source>Split the articles between annotators: one project file per person</source>
        <translation>在标注员之间分配文章：每人一个项目文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="49"/>
        <source>&amp;Snapshot for Sharing…</source>
        <translation>共享快照(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="49"/>
        <source>Write a consistent copy to send to others</source>
        <translation>写出一份一致的副本以发送给他人</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="50"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="50"/>
        <source>Close the window (everything is already saved)</source>
        <translation>关闭窗口（所有内容均已保存）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="52"/>
        <source>&amp;Delete Span</source>
        <translation>删除标注(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="52"/>
        <source>Delete the selected span</source>
        <translation>删除选中的标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="53"/>
        <source>Edit &amp;Note…</source>
        <translation>编辑备注(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="53"/>
        <source>Edit the note of the selected span</source>
        <translation>编辑选中标注的备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="54"/>
        <source>Add &amp;Relation…</source>
        <translation>添加关系(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="54"/>
        <source>From the selected span: pick the target (click, or Tab and Enter), then the type</source>
        <translation>从选中的标注出发：选择目标（点击，或按 Tab 再按 Enter），然后选择类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="55"/>
        <source>&amp;Clear Selection</source>
        <translation>清除选择(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="55"/>
        <source>Clear the text and span selection (Esc)</source>
        <translation>清除文本和标注的选择（Esc）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="56"/>
        <source>&amp;Find in Article…</source>
        <translation>在文章中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="56"/>
        <source>Search the article in the focused pane</source>
        <translation>在当前窗格的文章中搜索</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="57"/>
        <source>Search &amp;Project…</source>
        <translation>搜索项目(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="57"/>
        <source>Search every article</source>
        <translation>搜索所有文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="58"/>
        <source>&amp;Label Scheme…</source>
        <translation>标签方案(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="58"/>
        <source>Labels, their attributes and hotkeys, relation types and article attributes</source>
        <translation>标签及其属性和快捷键、关系类型和文章属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="59"/>
        <source>&amp;Terms…</source>
        <translation>术语(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="59"/>
        <source>Words snapping keeps whole (names)</source>
        <translation>吸附时保持完整的词（人名等）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="60"/>
        <source>&amp;Keep as One Word</source>
        <translation>作为一个词保留(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="60"/>
        <source>Add the selection to the terms</source>
        <translation>将所选内容加入术语</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="61"/>
        <source>Add Selection as &amp;Alias…</source>
        <translation>添加选中内容为别名(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="61"/>
        <source>The selection (or span) becomes another name of a company in the registry</source>
        <translation>将选中内容（或标注）作为注册表中某家公司的另一个名称</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="63"/>
        <source>Move &amp;End Right</source>
        <translation>结尾右移(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="63"/>
        <source>Move the span&apos;s end right</source>
        <translation>将标注的结尾右移</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="64"/>
        <source>Move E&amp;nd Left</source>
        <translation>结尾左移(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="64"/>
        <source>Move the span&apos;s end left</source>
        <translation>将标注的结尾左移</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="65"/>
        <source>Move &amp;Start Left</source>
        <translation>开头左移(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="65"/>
        <source>Move the span&apos;s start left</source>
        <translation>将标注的开头左移</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="66"/>
        <source>Move S&amp;tart Right</source>
        <translation>开头右移(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="66"/>
        <source>Move the span&apos;s start right</source>
        <translation>将标注的开头右移</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="67"/>
        <source>Edit &amp;Attributes</source>
        <translation>编辑属性(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="67"/>
        <source>Move the keyboard to the selected span&apos;s attributes in the inspector (Tab: next, Enter: confirm)</source>
        <translation>将键盘焦点移到检查器中选中标注的属性（Tab：下一个，Enter：确认）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="68"/>
        <source>&amp;Change Annotator…</source>
        <translation>更换标注员(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="68"/>
        <source>Change the name recorded on new spans</source>
        <translation>更改记录在新标注上的姓名</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="70"/>
        <source>&amp;Next Article</source>
        <translation>下一篇文章(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="70"/>
        <source>Open the next article of the list</source>
        <translation>打开列表中的下一篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="71"/>
        <source>&amp;Previous Article</source>
        <translation>上一篇文章(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="71"/>
        <source>Open the previous article</source>
        <translation>打开上一篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="72"/>
        <source>Mark &amp;Done</source>
        <translation>标记为完成(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="72"/>
        <source>Mark the article done (again: back to in progress)</source>
        <translation>将文章标记为完成（再按一次：改回进行中）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="73"/>
        <source>Open in &amp;Right Pane</source>
        <translation>在右侧窗格打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="73"/>
        <source>Show this article in the right pane</source>
        <translation>在右侧窗格显示这篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="75"/>
        <source>Suggest &amp;Figures</source>
        <translation>建议数字(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="75"/>
        <source>Suggest every figure of the article (one undo step)</source>
        <translation>建议本文中的每个数字（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="76"/>
        <source>Suggest &amp;Companies</source>
        <translation>建议公司(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="76"/>
        <source>Suggest every name of the company registry in the article (one undo step)</source>
        <translation>建议本文中公司注册表里的每个名称（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="77"/>
        <source>Suggest &amp;Repeats</source>
        <translation>建议重复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="77"/>
        <source>Suggest every other occurrence of a text you labeled (one undo step)</source>
        <translation>建议你已标注文本的其他每次出现（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="78"/>
        <source>Suggest &amp;All</source>
        <translation>全部建议(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="78"/>
        <source>Suggest figures, companies and repeats in the article (one undo step)</source>
        <translation>建议本文中的数字、公司和重复（一步撤销）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="79"/>
        <source>Suggest on &amp;Opening an Article</source>
        <translation>打开文章时建议(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="79"/>
        <source>Suggest all kinds once when an article opens (never in review mode or a read-only project)</source>
        <translation>打开文章时建议一次全部类型（审阅模式或只读项目中从不建议）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="80"/>
        <source>Acc&amp;ept Suggestion</source>
        <translation>接受建议(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="80"/>
        <source>Make the suggestion under the cursor your own span</source>
        <translation>将光标处的建议变为你自己的标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="81"/>
        <source>Re&amp;ject Suggestion</source>
        <translation>拒绝建议(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="81"/>
        <source>Remove the suggestion under the cursor; it is never suggested again</source>
        <translation>移除光标处的建议；以后不再建议</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="82"/>
        <source>Accept All of &amp;This Label</source>
        <translation>接受此标签的全部建议(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="82"/>
        <source>Accept every suggestion of this suggestion&apos;s label in the article</source>
        <translation>接受本文中与此建议同一标签的每条建议</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="84"/>
        <source>Show &amp;Right Pane</source>
        <translation>显示右侧窗格(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="84"/>
        <source>Two articles side by side</source>
        <translation>两篇文章并排显示</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="85"/>
        <source>S&amp;ynchronized Scrolling</source>
        <translation>同步滚动(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="85"/>
        <source>Scroll both panes together</source>
        <translation>两个窗格一起滚动</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="86"/>
        <source>Show Re&amp;lations</source>
        <translation>显示关系(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="86"/>
        <source>Draw relations as arcs between their spans</source>
        <translation>在标注之间用弧线画出关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="87"/>
        <source>&amp;Snap to Words</source>
        <translation>吸附到词(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="87"/>
        <source>Snap selections to whole words (hold Alt for exact characters)</source>
        <translation>将选择吸附到完整的词（按住 Alt 则按字符精确选择）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="88"/>
        <source>Show &amp;Inspector</source>
        <translation>显示检查器(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="88"/>
        <source>The selected span&apos;s label, note, attributes and relations</source>
        <translation>选中标注的标签、备注、属性和关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="89"/>
        <source>&amp;Bigger Text</source>
        <translation>放大文字(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="89"/>
        <source>Larger article text</source>
        <translation>放大文章文字</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="90"/>
        <source>&amp;Smaller Text</source>
        <translation>缩小文字(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="90"/>
        <source>Smaller article text</source>
        <translation>缩小文章文字</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="91"/>
        <source>&amp;Default Text Size</source>
        <translation>默认文字大小(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="91"/>
        <source>Default article text size</source>
        <translation>恢复文章文字的默认大小</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="93"/>
        <source>&amp;Review Disagreements</source>
        <translation>审阅分歧(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="93"/>
        <source>Two layers of one article side by side, disagreements marked</source>
        <translation>同一篇文章的两个标注层并排显示，并标出分歧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="94"/>
        <source>Agreement &amp;Dashboard…</source>
        <translation>一致性仪表板(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="94"/>
        <source>F1 per label, kappa per pair, progress per annotator</source>
        <translation>每个标签的 F1、每对标注员的 kappa、每位标注员的进度</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="95"/>
        <source>&amp;Next Disagreement</source>
        <translation>下一个分歧(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="95"/>
        <source>Reveal the next disagreement</source>
        <translation>显示下一个分歧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="96"/>
        <source>&amp;Previous Disagreement</source>
        <translation>上一个分歧(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="96"/>
        <source>Reveal the previous disagreement</source>
        <translation>显示上一个分歧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="97"/>
        <source>Accept &amp;Left</source>
        <translation>采纳左侧(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="97"/>
        <source>Gold spans from the left pane&apos;s side</source>
        <translation>采用左侧窗格的标注作为金标准</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="98"/>
        <source>Accept &amp;Right</source>
        <translation>采纳右侧(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="98"/>
        <source>Gold spans from the right pane&apos;s side</source>
        <translation>采用右侧窗格的标注作为金标准</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="99"/>
        <source>Accept &amp;Both</source>
        <translation>采纳两侧(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="99"/>
        <source>Gold spans from both sides</source>
        <translation>采用两侧的标注作为金标准</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="100"/>
        <source>Re&amp;ject</source>
        <translation>拒绝(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="100"/>
        <source>Neither side: no gold span (nor value or relation)</source>
        <translation>两侧都不采纳：不产生金标准标注（也不产生值或关系）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="101"/>
        <source>A gold span over the selection with a label you choose (or select and press a label key); on a value or relation row, the gold value or relation type</source>
        <translation>在选中内容上创建你选择标签的金标准标注（或选中后按标签键）；在值或关系行上，选择金标准的值或关系类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="101"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="102"/>
        <source>Accept All &amp;Agreeing</source>
        <translation>采纳所有一致的标注(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="102"/>
        <source>Gold spans for every span both sides agree on in this article</source>
        <translation>为本文中两侧一致的每个标注创建金标准标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="104"/>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="104"/>
        <source>Every key of the window</source>
        <translation>窗口中的所有按键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="105"/>
        <source>&amp;About Annotator…</source>
        <translation>关于 Annotator(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="105"/>
        <source>Versions and the project file</source>
        <translation>版本信息和项目文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="140"/>
        <location filename="../../annotator/ui/actions.py" line="150"/>
        <source>Undo</source>
        <extracomment>Actions enabled only outside review mode: their keys mean something else there (R: Reject). Suggestion actions, in menu order (Article &gt; Suggest). The keys on a suggestion: only while an article view has the focus (Enter confirms elsewhere) and never in review mode (A is Accept Left there). The span boundary actions, in menu order. Actions enabled only while review mode is on.</extracomment>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="143"/>
        <location filename="../../annotator/ui/actions.py" line="152"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="151"/>
        <source>Undo the last edit (Ctrl+Z)</source>
        <translation>撤销上一次编辑（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="153"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="247"/>
        <source>Label “{0}” gets no hotkey: {1} is the window&apos;s key ({2})</source>
        <translation>标签“{0}”没有快捷键：{1} 是窗口的按键（{2}）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="253"/>
        <source>Value “{0}” of {1} gets no hotkey: {2} is the window&apos;s key ({3})</source>
        <translation>{1} 的值“{0}”没有快捷键：{2} 是窗口的按键（{3}）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="268"/>
        <source>Label %1 (exact)</source>
        <translation>标注为 %1（精确）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/actions.py" line="269"/>
        <source>Label %1</source>
        <translation>标注为 %1</translation>
    </message>
</context>
<context>
    <name>AliasDialog</name>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="96"/>
        <source>Add Selection as Alias</source>
        <translation>添加选中内容为别名</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="112"/>
        <source>“{0}” is another name of:</source>
        <translation>“{0}”是以下公司的另一个名称：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="130"/>
        <source>A new entry “{0}” will be made</source>
        <translation>将新建条目“{0}”</translation>
    </message>
</context>
<context>
    <name>AnnotationListDock</name>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="35"/>
        <source>Annotations</source>
        <extracomment>Show this span in the current pane (payload: Span).</extracomment>
        <translation>标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="99"/>
        <source>Reading {0} spans…</source>
        <extracomment>the annotator&apos;s suggestions, apart (accepting one moves it up to ``model``)</extracomment>
        <translation>正在读取 {0} 个标注…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="174"/>
        <source>Suggestions ({0}): A accepts, X rejects</source>
        <translation>建议（{0}）：A 接受，X 拒绝</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="176"/>
        <source>Suggested spans, not yours until accepted: A or Enter accepts the selected one, X rejects it (never suggested again), Shift+A accepts every suggestion of its label</source>
        <translation>建议的标注，接受后才属于你：A 或 Enter 接受选中的建议，X 拒绝（以后不再建议），Shift+A 接受同一标签的每条建议</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="185"/>
        <source>No spans yet: select text and press a label key</source>
        <translation>还没有标注：选中文本后按标签键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_list.py" line="188"/>
        <source>{0} span(s): {1}</source>
        <translation>{0} 个标注：{1}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/app.py" line="161"/>
        <source>Cannot create the sample project</source>
        <extracomment>The garbage collector, held off while the window builds, resumes at its first paint, or this long after the build when it is never shown.</extracomment>
        <translation>无法创建示例项目</translation>
    </message>
    <message>
        <location filename="../../annotator/app.py" line="170"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../annotator/ui/context.py" line="174"/>
        <source>adjudicated by {0}</source>
        <extracomment>A span was stored (payload: the Span as stored). A span was deleted (payload: the Span as it was). A span changed label, note or extent (payload: the Span as stored now). A relation was stored or restored (payload: the Relation). A relation was deleted (payload: the Relation as it was). A span&apos;s attribute values changed (payload: the span id). An article&apos;s status changed (article id, new status). The label scheme changed (payload: the list of Labels, in order). Articles were added or the project was replaced: article lists reload. One article was renamed, deleted or restored (payload: its id); lists reload too. An article attribute of an article changed (payload: the article id). Another project was opened, or the project was closed (payload: Project or None). The annotator&apos;s name changed (payload: the new name). A write failed (payload: one-line message for the user). The project&apos;s file was deleted, replaced or moved away under the window: no more edits (payload: the one-sentence explanation). Cleared when another project is adopted. Why the open project&apos;s file can no longer be written (see ``fileLost``), or None.</extracomment>
        <translation>由 {0} 审定</translation>
    </message>
</context>
<context>
    <name>ArticleCommands</name>
    <message>
        <location filename="../../annotator/ui/claims/article_commands.py" line="21"/>
        <source>Edit article {0}: {1}</source>
        <translation>编辑文章的 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_commands.py" line="40"/>
        <source>Set article {0}</source>
        <translation>设置文章的 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_commands.py" line="64"/>
        <source>Rename value {0} to {1}</source>
        <translation>将值 {0} 重命名为 {1}</translation>
    </message>
</context>
<context>
    <name>ArticleListDock</name>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="76"/>
        <source>Filter by title or text…</source>
        <translation>按标题或正文筛选…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="80"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="81"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="83"/>
        <source>Articles you worked on: a span of yours, or your status other than to do</source>
        <translation>你参与过的文章：有你的标注，或你的状态不是“待办”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="92"/>
        <source>Filter by your own status (each annotator has their own)</source>
        <translation>按你自己的状态筛选（每位标注员各有自己的状态）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="70"/>
        <location filename="../../annotator/ui/article_list.py" line="164"/>
        <location filename="../../annotator/ui/article_list.py" line="194"/>
        <source>Articles</source>
        <extracomment>The status filter&apos;s &quot;Mine&quot;: articles the current annotator worked on. The status filter&apos;s &quot;Incomplete&quot;: articles with a span of the current annotator missing a required attribute. Open this article in the current pane (payload: article id). Open this article in the right pane (payload: article id).</extracomment>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="87"/>
        <source>Incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="90"/>
        <source>Articles with a span of yours missing a required attribute</source>
        <translation>你有标注缺少必填属性的文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="163"/>
        <source>Articles — filtering…</source>
        <translation>文章 — 正在筛选…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="187"/>
        <source>Articles — filter failed: {error}</source>
        <translation>文章 — 筛选失败：{error}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="188"/>
        <source>Articles — {count} found</source>
        <translation>文章 — 找到 {count} 篇</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="189"/>
        <source>Articles — 1 found</source>
        <translation>文章 — 找到 1 篇</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="292"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="293"/>
        <source>Open in Right Pane</source>
        <translation>在右侧窗格打开</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="296"/>
        <source>Mark {status}</source>
        <translation>标记为{status}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="300"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="301"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="312"/>
        <source>Rename article</source>
        <translation>重命名文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="312"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="326"/>
        <source>Delete “{0}” and its {1} span(s), of every annotator?

Undo (Ctrl+Z) brings it back. A later import or merge of the same text is reported, not added.</source>
        <translation>删除“{0}”及其 {1} 个标注（所有标注员的）？

撤销（Ctrl+Z）可以恢复。之后再导入或合并相同的文本时会给出报告，而不会重新添加。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/article_list.py" line="329"/>
        <source>Delete article</source>
        <translation>删除文章</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../../annotator/ui/models.py" line="186"/>
        <source>Done by</source>
        <translation>完成者</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="308"/>
        <source>{done} of {team}</source>
        <translation>{done} / {team}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="311"/>
        <source>{title}
{language} · {count} span(s)</source>
        <translation>{title}
{language} · {count} 个标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="312"/>
        <source>unknown language</source>
        <translation>未知语言</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="315"/>
        <source>Your status of this article: each annotator has their own</source>
        <translation>你对这篇文章的状态：每位标注员各有自己的状态</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="317"/>
        <source>Marked done by {done} of the {team} annotator(s) who set a status in this project</source>
        <translation>本项目中设置过状态的 {team} 位标注员中有 {done} 位标记为完成</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <location filename="../../annotator/ui/pane.py" line="78"/>
        <source>Whose spans this pane shows; another annotator&apos;s are read-only</source>
        <extracomment>A first screen&apos;s other spans are read after the view&apos;s next paint, or this long after the opening when the view is not painted (a window kept hidden). With two panes shown, the current one has a line this high and this colour along its top. The article shown changed (payload: Article or None). The spans shown were replaced (payload: list of Span in text order). An article opened by its first screen: its spans in sight are shown, and this many (every span, the kept count) are read after the next paint, then ``spansReset``. A span appeared in this pane (payload: Span). A span left this pane (payload: the Span as it was). A span shown here changed (payload: the Span now). The close button of the header was clicked (right pane only).</extracomment>
        <translation>这个窗格显示谁的标注；其他标注员的标注为只读</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="83"/>
        <source>Close the right pane (Ctrl+\)</source>
        <translation>关闭右侧窗格（Ctrl+\）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="337"/>
        <source>No project open: File ▸ New Project or Open Project</source>
        <extracomment>(spans still to read after a first screen, ``view.replaced()`` when it showed)</extracomment>
        <translation>未打开项目：文件 ▸ 新建项目 或 打开项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="341"/>
        <source>No articles yet: add them with File ▸ {0} ({1})</source>
        <translation>还没有文章：用 文件 ▸ {0}（{1}）添加</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="343"/>
        <source>No article open: pick one in the article list</source>
        <translation>未打开文章：请在文章列表中选择一篇</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="349"/>
        <source>All annotators</source>
        <translation>所有标注员</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="350"/>
        <source>My spans ({name})</source>
        <translation>我的标注（{name}）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/pane.py" line="355"/>
        <source>{name} (read-only)</source>
        <translation>{name}（只读）</translation>
    </message>
</context>
<context>
    <name>ArticlePanel</name>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="51"/>
        <location filename="../../annotator/ui/window_docks.py" line="37"/>
        <source>Article</source>
        <extracomment>The line edits of the panel, in order (``title`` is renamed with ``rename_article``).</extracomment>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="95"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="95"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="96"/>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="96"/>
        <source>Published</source>
        <translation>发布日期</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="97"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="104"/>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="105"/>
        <source>zh, en…</source>
        <translation>zh, en…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="111"/>
        <source>Article attributes</source>
        <translation>文章属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="181"/>
        <source>An article needs a title; it stays “{0}”.</source>
        <translation>文章必须有标题；标题仍为“{0}”。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/article_panel.py" line="202"/>
        <source>“{0}” is not an ISO date (2024-03-01, 2024-03 or 2024): it is kept as typed, but sorting and exports expect ISO.</source>
        <translation>“{0}”不是 ISO 日期（2024-03-01、2024-03 或 2024）：按输入原样保留，但排序和导出要求 ISO 格式。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="50"/>
        <source>Assign work</source>
        <extracomment>The plan was recorded (payload: the AssignReport), or failed (None, the reason).</extracomment>
        <translation>分配工作</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="53"/>
        <source>alice, bob, carol</source>
        <translation>alice, bob, carol</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="64"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="70"/>
        <source>Annotators (comma-separated)</source>
        <translation>标注员（用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="71"/>
        <source>Shared by everyone, for agreement</source>
        <translation>所有人共享，用于计算一致性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="72"/>
        <source>Folder for the files</source>
        <translation>存放文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="74"/>
        <source>Each annotator gets one project file: the labels, terms, guidelines and their articles. Send each person their file; merge the returned files with File ▸ Import Teammate&apos;s Work…</source>
        <translation>每位标注员得到一个项目文件：包含标签、术语、标注指南和分给他的文章。把文件发给每个人；收回的文件用 文件 ▸ 导入队友的工作… 合并。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="81"/>
        <source>Assign</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="107"/>
        <source>choose a folder for the files</source>
        <translation>请选择存放文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="116"/>
        <source>Writing the files…</source>
        <translation>正在写出文件…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="131"/>
        <source>Nothing was assigned: %1</source>
        <translation>没有分配任何工作：%1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="135"/>
        <source>%1: %2 article(s), %3 of them shared</source>
        <translation>%1：%2 篇文章，其中 %3 篇共享</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/assign_dialog.py" line="138"/>
        <source>The plan is recorded in this project; merge the returned files with File ▸ Import Teammate&apos;s Work…</source>
        <translation>分配计划已记录在本项目中；收回的文件用 文件 ▸ 导入队友的工作… 合并</translation>
    </message>
</context>
<context>
    <name>AttributeDefEditor</name>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="121"/>
        <source>none</source>
        <extracomment>One store change; returns True when it was written (else the editor shows why not).</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="128"/>
        <source>value=key, … (while the inspector has focus)</source>
        <translation>值=按键, …（检查器有焦点时）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="129"/>
        <source>Add Attribute…</source>
        <translation>添加属性…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="130"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="131"/>
        <source>Add Value…</source>
        <translation>添加值…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="132"/>
        <source>Rename Value…</source>
        <translation>重命名值…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="133"/>
        <source>Remove Value</source>
        <translation>移除值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="160"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="161"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="162"/>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="247"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="163"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="165"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="166"/>
        <source>Value hotkeys</source>
        <translation>值的快捷键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="186"/>
        <source>Required (a span without it is marked incomplete)</source>
        <translation>必填（缺少它的标注标记为不完整）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="187"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="247"/>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="280"/>
        <source>Values of “{0}” (separated by spaces or commas):</source>
        <translation>“{0}”的取值（用空格或逗号分隔）：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="267"/>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="272"/>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="280"/>
        <source>New attribute</source>
        <translation>新属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="268"/>
        <source>Name of the new attribute (letters, digits, _ and -):</source>
        <translation>新属性的名称（字母、数字、_ 和 -）：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="273"/>
        <source>Type of “{0}”:</source>
        <translation>“{0}”的类型：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="297"/>
        <source>Add value</source>
        <translation>添加值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="298"/>
        <source>New value(s) of “{0}”:</source>
        <translation>“{0}”的新值：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="313"/>
        <source>Rename value</source>
        <translation>重命名值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="314"/>
        <source>Rename “{0}” (in the scheme and in every value set) to:</source>
        <translation>将“{0}”（在方案中和所有已设置的值中）重命名为：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="343"/>
        <source>{0} span(s)</source>
        <translation>{0} 个标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="344"/>
        <source>{0} article(s)</source>
        <translation>{0} 篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_def_editor.py" line="346"/>
        <source>“{value}” is used by {where}, so it cannot be removed. Rename it across all {where} instead, to:</source>
        <translation>“{value}”被 {where} 使用，因此不能移除。请改为在这全部 {where} 中将它重命名为：</translation>
    </message>
</context>
<context>
    <name>AttributeEditor</name>
    <message>
        <location filename="../../annotator/ui/claims/attribute_editors.py" line="58"/>
        <source>“{0}” is not a number (write 12, -3.5, 1,000,000 or 2.5e8)</source>
        <extracomment>The field of a refused entry (a number that does not parse). What the number field lets through as it is typed (the rest is refused on commit).</extracomment>
        <translation>“{0}”不是数字（可写作 12、-3.5、1,000,000 或 2.5e8）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_editors.py" line="64"/>
        <source>“{0}” is too large</source>
        <translation>“{0}”太大</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_editors.py" line="214"/>
        <source>a number</source>
        <extracomment>The person set a new value (payload: the value as stored; None: unset). What the person typed is not a value (payload: a one-line message).</extracomment>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_editors.py" line="264"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_editors.py" line="265"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>AttributeTabs</name>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="26"/>
        <source>Pair</source>
        <translation>标注员对</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="26"/>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="26"/>
        <source>Matched</source>
        <translation>匹配数</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="26"/>
        <source>Observed</source>
        <translation>观测一致率</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="27"/>
        <source>Cohen κ</source>
        <translation>Cohen κ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="27"/>
        <source>Krippendorff α</source>
        <translation>Krippendorff α</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="40"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="41"/>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/attribute_tables.py" line="57"/>
        <source>No attributes in the scheme</source>
        <translation>方案中没有属性</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="40"/>
        <source>阿里 | Alibaba Group</source>
        <translation>阿里 | Alibaba Group</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="43"/>
        <source>BABA | 9988.HK</source>
        <translation>BABA | 9988.HK</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="53"/>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="54"/>
        <source>&amp;Aliases</source>
        <translation>别名(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="55"/>
        <source>&amp;Tickers</source>
        <translation>股票代码(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="56"/>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="63"/>
        <source>Separate aliases and tickers with |</source>
        <translation>别名和股票代码用 | 分隔</translation>
    </message>
</context>
<context>
    <name>CompanyLine</name>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="25"/>
        <source>Registry</source>
        <extracomment>Add to Registry was clicked (no payload: the inspector knows its span).</extracomment>
        <translation>注册表</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="31"/>
        <source>Add to Registry…</source>
        <translation>添加到注册表…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="33"/>
        <source>Make this text a name or alias of a registry entry and link the span to it</source>
        <translation>将此文本设为注册表条目的名称或别名，并把标注链接到该条目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="56"/>
        <source>Not in the registry</source>
        <translation>不在注册表中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="57"/>
        <source>“{0}” is not in the registry</source>
        <translation>“{0}”不在注册表中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="61"/>
        <source>also: {0}</source>
        <translation>又名：{0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/company_line.py" line="63"/>
        <source>tickers: {0}</source>
        <translation>股票代码：{0}</translation>
    </message>
</context>
<context>
    <name>ConcordanceDock</name>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="168"/>
        <location filename="../../annotator/ui/window_docks.py" line="34"/>
        <source>Concordance</source>
        <extracomment>Open the article at the line&apos;s span (article id, start, end in code points). The lines asked for have arrived: a page, a sort, or the end (no payload). An export finished (the CSV&apos;s path, or &quot;&quot; when it failed).</extracomment>
        <translation>语境索引</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="185"/>
        <source>Span text contains…</source>
        <translation>标注文本包含…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="191"/>
        <source>Characters of context on each side</source>
        <translation>两侧各显示的上下文字符数</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="192"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="193"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="209"/>
        <source>Context:</source>
        <translation>上下文：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="248"/>
        <source>All labels</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="249"/>
        <source>All annotators</source>
        <translation>所有标注员</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="289"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="328"/>
        <source>Sorting…</source>
        <translation>正在排序…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="352"/>
        <source>No span matches</source>
        <translation>没有匹配的标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="354"/>
        <source>{shown} of {count} line(s), sorted by the {column} context</source>
        <translation>显示 {shown} / {count} 行，按{column}排序</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="357"/>
        <source>{shown} line(s) so far; more as you scroll</source>
        <translation>目前 {shown} 行；滚动时加载更多</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="359"/>
        <source>{shown} line(s)</source>
        <translation>{shown} 行</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="365"/>
        <source>left</source>
        <translation>左侧上下文</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="365"/>
        <source>right</source>
        <translation>右侧上下文</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="365"/>
        <source>span</source>
        <translation>标注文本</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="369"/>
        <source>The concordance could not be read</source>
        <translation>无法读取语境索引</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="402"/>
        <source>Export the concordance</source>
        <translation>导出语境索引</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="420"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="427"/>
        <source>The concordance was not exported</source>
        <translation>语境索引未导出</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="430"/>
        <source>Exported {count} line(s) to {path}</source>
        <translation>已导出 {count} 行到 {path}</translation>
    </message>
</context>
<context>
    <name>ConcordanceModel</name>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="142"/>
        <source>{title}
characters {start}–{end}</source>
        <extracomment>The view reached the last row and more lines match (no payload).</extracomment>
        <translation>{title}
字符 {start}–{end}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="167"/>
        <source>Agreement dashboard</source>
        <extracomment>A computation finished (payload: Computed, or None after an error). The user clicked a row: review this article between these layers (id, left, right).</extracomment>
        <translation>一致性仪表板</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="173"/>
        <source>jieba words</source>
        <translation>jieba 分词</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="174"/>
        <source>characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="175"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="176"/>
        <source>Save HTML report…</source>
        <translation>保存 HTML 报告…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="181"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="181"/>
        <location filename="../../annotator/ui/dashboard.py" line="183"/>
        <source>F1 exact</source>
        <translation>F1（精确）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="181"/>
        <location filename="../../annotator/ui/dashboard.py" line="184"/>
        <location filename="../../annotator/ui/dashboard.py" line="322"/>
        <source>F1 overlap</source>
        <translation>F1（重叠）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="182"/>
        <source>Fleiss κ</source>
        <translation>Fleiss κ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="183"/>
        <source>Pair</source>
        <translation>标注员对</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="183"/>
        <location filename="../../annotator/ui/dashboard.py" line="186"/>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="184"/>
        <location filename="../../annotator/ui/dashboard.py" line="321"/>
        <source>Cohen κ</source>
        <translation>Cohen κ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="184"/>
        <source>Relation F1</source>
        <translation>关系 F1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="185"/>
        <source>Krippendorff α</source>
        <translation>Krippendorff α</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="185"/>
        <source>Left out</source>
        <translation>未计入</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="186"/>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="186"/>
        <source>Spans</source>
        <translation>标注数</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="187"/>
        <location filename="../../annotator/ui/dashboard.py" line="192"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="188"/>
        <source>F1 per label</source>
        <translation>每个标签的 F1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="189"/>
        <source>Annotator pairs</source>
        <translation>标注员两两对比</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="190"/>
        <source>Progress per annotator</source>
        <translation>各标注员的进度</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="192"/>
        <source>Assignment</source>
        <translation>分配</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="192"/>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="193"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="193"/>
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="195"/>
        <source>Progress per assignment</source>
        <translation>各分配的进度</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="201"/>
        <source>Attributes per label (spans matched exactly, both set)</source>
        <translation>各标签的属性（标注完全匹配且双方都已填写）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="204"/>
        <source>Per label and attribute, on spans both annotators marked exactly (same start, end and label) where both set the attribute; a value set on one side only is left out. Choice, yes/no, multiple choice (as a set) and text (trimmed) are compared as categories; numbers by their difference (interval alpha, no kappa). The relation F1 counts a relation when both ends match exactly and the type is the same.</source>
        <translation>按标签和属性计算，只统计两位标注员完全相同地标出（起点、终点和标签相同）且都填写了该属性的标注；只有一方填写的值不计入。单选、是/否、多选（作为集合）和文本（去除首尾空格）按类别比较；数值按差值比较（区间 alpha，无 kappa）。关系 F1 中，两端完全匹配且类型相同的关系才算一致。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="213"/>
        <source>Tokens</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="267"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="279"/>
        <source>Could not compute the agreement: {error}</source>
        <translation>无法计算一致性：{error}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="286"/>
        <source>{annotators} annotator(s), {pairs} pair(s), tokens: {tokens}; </source>
        <translation>{annotators} 位标注员，{pairs} 对，单位：{tokens}；</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="290"/>
        <source>An article counts for a pair only when both annotators worked on it: a span of theirs, or a status other than to do (“nothing to label here” is a judgement). “Left out” counts the articles one of them worked on alone.</source>
        <translation>只有两位标注员都处理过的文章才计入这一对：有他们的标注，或状态不是“待办”（“这里没有可标注的内容”也是一种判断）。“未计入”统计只有其中一人处理过的文章。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="313"/>
        <source>F1 per label (all pairs)</source>
        <translation>每个标签的 F1（所有标注员对）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="314"/>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="316"/>
        <source>overlap</source>
        <translation>重叠</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="320"/>
        <source>Agreement per pair</source>
        <translation>每对标注员的一致性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="325"/>
        <source>Progress of {count} article(s)</source>
        <translation>{count} 篇文章的进度</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="327"/>
        <source>articles with spans</source>
        <translation>有标注的文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="335"/>
        <source>%1 %2/%3 done, %4 in progress</source>
        <translation>%1 %2/%3 已完成，%4 进行中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="342"/>
        <source>Newest assignment</source>
        <translation>最新的分配</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="328"/>
        <location filename="../../annotator/ui/dashboard.py" line="343"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="344"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="345"/>
        <source>assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="350"/>
        <source>articles both annotators worked on; {count} left out (one of them only)</source>
        <translation>篇两位标注员都处理过的文章；{count} 篇未计入（仅一人处理）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="397"/>
        <source>Save agreement report</source>
        <translation>保存一致性报告</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="409"/>
        <source>Could not save the report</source>
        <translation>无法保存报告</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="411"/>
        <source>Report saved to {path}</source>
        <translation>报告已保存到 {path}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="80"/>
        <source>Format {format}; </source>
        <translation>格式 {format}；</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="83"/>
        <source>Offsets in {unit} (end {end})</source>
        <translation>偏移量单位：{unit}（结尾 {end}）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="86"/>
        <source>Layers: {names}</source>
        <translation>标注层：{names}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="90"/>
        <source>{count} warning(s): {file}</source>
        <translation>{count} 条警告：{file}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="93"/>
        <source>Written: {file}</source>
        <translation>已写出：{file}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="111"/>
        <source>None checked: all</source>
        <translation>不勾选：全部</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="129"/>
        <location filename="../../annotator/ui/export_dialog.py" line="166"/>
        <location filename="../../annotator/ui/export_dialog.py" line="299"/>
        <location filename="../../annotator/ui/export_dialog.py" line="307"/>
        <location filename="../../annotator/ui/export_dialog.py" line="326"/>
        <source>Export</source>
        <extracomment>The export ended (manifest dict, error: &quot;&quot; on success, &quot;cancelled&quot;, or a message). The background export was queued (tests cancel through :meth:`cancel`).</extracomment>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="146"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="151"/>
        <source>Your own status of the article (each annotator has their own)</source>
        <translation>你自己对文章的状态（每位标注员各有自己的状态）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="153"/>
        <source>Gold layer only (adjudicated spans)</source>
        <translation>只导出金标准层（已审定的标注）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="160"/>
        <source>Skip articles without spans</source>
        <translation>跳过没有标注的文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="161"/>
        <source>Options of this format</source>
        <translation>此格式的选项</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="172"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="173"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="174"/>
        <source>Filters (none checked: all)</source>
        <translation>筛选（不勾选：全部）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="176"/>
        <source>Annotators</source>
        <translation>标注员</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="177"/>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="178"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="223"/>
        <source>This mixes {n} layers ({names}) in one file, and {fmt} cannot say who made each span.</source>
        <translation>这会把 {n} 个标注层（{names}）混在一个文件中，而 {fmt} 无法记录每个标注的标注员。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="227"/>
        <source>This mixes {n} layers ({names}); each span keeps its annotator&apos;s name.</source>
        <translation>这会混合 {n} 个标注层（{names}）；每个标注保留其标注员的姓名。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="299"/>
        <source>Choose where to save the export first</source>
        <translation>请先选择导出的保存位置</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="308"/>
        <source>{fmt} cannot say who made each span, and this project has several annotators: check the annotators to export (checking all of them mixes them on purpose) or the gold layer. Nothing was written.</source>
        <translation>{fmt} 无法记录每个标注的标注员，而本项目有多位标注员：请勾选要导出的标注员（全部勾选即有意混合）或金标准层。未写出任何内容。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="324"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="324"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="355"/>
        <source>Cancelling: nothing is written…</source>
        <translation>正在取消：不会写出任何内容…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="362"/>
        <source>Exporting… {done} / {total} article(s)</source>
        <translation>正在导出… {done} / {total} 篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="380"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/export_dialog.py" line="386"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>FileLostBar</name>
    <message>
        <location filename="../../annotator/ui/lost_bar.py" line="31"/>
        <source>Save what is open as…</source>
        <extracomment>The user asked to save what is open into a new file.</extracomment>
        <translation>将当前内容另存为…</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../annotator/ui/find_bar.py" line="26"/>
        <location filename="../../annotator/ui/find_bar.py" line="28"/>
        <source>Find in article</source>
        <extracomment>The bar was closed (Esc or the close button); the matches are cleared.</extracomment>
        <translation>在文章中查找</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_bar.py" line="33"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_bar.py" line="34"/>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_bar.py" line="35"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_bar.py" line="114"/>
        <source>no matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_bar.py" line="116"/>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message>
        <location filename="../../annotator/ui/guidelines.py" line="70"/>
        <location filename="../../annotator/ui/window_docks.py" line="36"/>
        <source>Guidelines</source>
        <extracomment>The guidelines were saved (payload: the text as stored). Saving failed (payload: the one-line reason).</extracomment>
        <translation>标注指南</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/guidelines.py" line="75"/>
        <source>Edit guidelines…</source>
        <translation>编辑标注指南…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/guidelines.py" line="98"/>
        <source>No guidelines yet. Write them with “Edit guidelines…”, or on the command line: annotator guidelines PROJECT --set FILE.md</source>
        <translation>还没有标注指南。用“编辑标注指南…”编写，或在命令行中：annotator guidelines PROJECT --set FILE.md</translation>
    </message>
</context>
<context>
    <name>GuidelinesEditor</name>
    <message>
        <location filename="../../annotator/ui/guidelines.py" line="35"/>
        <source>Edit guidelines</source>
        <translation>编辑标注指南</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/guidelines.py" line="52"/>
        <source>Markdown: # headings, **bold**, - lists, tables</source>
        <translation>Markdown：# 标题、**粗体**、- 列表、表格</translation>
    </message>
</context>
<context>
    <name>Headers</name>
    <message>
        <location filename="../../annotator/ui/models.py" line="175"/>
        <source>Title</source>
        <extracomment>The roles Qt 6&apos;s item delegate asks of every cell it paints, in its order (QStyledItemDelegate::initStyleOption, one multiData call per cell). The roles ``_value`` answers. A model that names them reads a cell&apos;s row once per multiData call (``_row``) and formats only those roles, only for that cell&apos;s column: a repaint asks every visible cell, and each label key repaints the annotation list.</extracomment>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="175"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="176"/>
        <location filename="../../annotator/ui/registry/dock.py" line="52"/>
        <source>Spans</source>
        <translation>标注数</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="176"/>
        <source>Done by</source>
        <translation>完成者</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="76"/>
        <location filename="../../annotator/ui/models.py" line="336"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="336"/>
        <location filename="../../annotator/ui/review_panel.py" line="56"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="78"/>
        <location filename="../../annotator/ui/models.py" line="337"/>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="337"/>
        <location filename="../../annotator/ui/registry/dock.py" line="53"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="56"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="75"/>
        <location filename="../../annotator/ui/review_panel.py" line="57"/>
        <source>Left</source>
        <extracomment>Typing pauses this long before the query runs again. The columns a header click sorts by.</extracomment>
        <translation>左侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="75"/>
        <source>Span</source>
        <translation>标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="76"/>
        <location filename="../../annotator/ui/review_panel.py" line="57"/>
        <source>Right</source>
        <translation>右侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="58"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="77"/>
        <location filename="../../annotator/ui/search.py" line="156"/>
        <source>Article</source>
        <extracomment>Typing pauses this long before the search starts (Enter starts it at once). A worker hands its hits over at least this often (the first one at once). How often a search says how far it has read. Hits found (generation, list[Hit]). Articles scanned (generation, scanned through id, last id). The search ended (generation, error message or &quot;&quot;).</extracomment>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="156"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="49"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="50"/>
        <source>Aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="51"/>
        <source>Tickers</source>
        <translation>股票代码</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="31"/>
        <source>Imported {0} article(s)</source>
        <extracomment>lupdate reads translate(&quot;Context&quot;, &quot;text&quot;): every string here is in context ImportReport</extracomment>
        <translation>已导入 {0} 篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="33"/>
        <source>{0} span(s)</source>
        <translation>{0} 个标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="35"/>
        <source>{0} already in the project (same text)</source>
        <translation>{0} 篇已在项目中（文本相同）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="37"/>
        <source>{0} deleted from the project before (left out)</source>
        <translation>{0} 篇之前已从项目中删除（未导入）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="38"/>
        <source>{0} deleted article(s) restored</source>
        <translation>已恢复 {0} 篇已删除的文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="39"/>
        <source>{0} bad record(s) skipped</source>
        <translation>跳过了 {0} 条错误记录</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="41"/>
        <source>{0} file(s) not read (not regular files)</source>
        <translation>{0} 个文件未读取（不是普通文件）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="42"/>
        <source>{0} file(s) not in UTF-8</source>
        <translation>{0} 个文件不是 UTF-8 编码</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="46"/>
        <source>new labels: {0}</source>
        <translation>新标签：{0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="54"/>
        <source>Bad files and records</source>
        <translation>错误的文件和记录</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="55"/>
        <source>Not read (not regular files)</source>
        <translation>未读取（不是普通文件）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="56"/>
        <source>Already in the project (the same text), merged into the article there</source>
        <translation>已在项目中（文本相同），已合并到项目中的那篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="58"/>
        <source>Deleted from the project before, left out (the command line&apos;s `annotator import --restore` or `annotator article PROJECT ID --restore` brings one back)</source>
        <translation>之前已从项目中删除，未导入（命令行的 `annotator import --restore` 或 `annotator article PROJECT ID --restore` 可以恢复）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="61"/>
        <source>Deleted before, restored</source>
        <translation>之前已删除，已恢复</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="62"/>
        <source>Decoded as something other than UTF-8</source>
        <translation>以 UTF-8 以外的编码解码</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="90"/>
        <source>Copy the Report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="114"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="116"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="128"/>
        <source>The import stopped at a bad record; nothing was imported.</source>
        <translation>导入在一条错误记录处停止；没有导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="130"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="133"/>
        <source>{0} bad file(s) or record(s) found; nothing has been imported yet. {1} good article(s) can be imported without them.</source>
        <translation>发现 {0} 个错误的文件或记录；尚未导入任何内容。不包括它们，可以导入 {1} 篇正常的文章。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="137"/>
        <source>Import: bad files</source>
        <translation>导入：错误的文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="139"/>
        <source>Import the Good Ones</source>
        <translation>导入正常的文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/import_report.py" line="143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>InspectorDock</name>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="70"/>
        <source>Inspector</source>
        <extracomment>A required attribute left unset, and the inspector&apos;s error line. Select this span as the annotation list would (payload: Span): a relation&apos;s other end. A short message for the status bar (payload: text). Esc in the inspector (no edit to revert, no list open): back to the article. &quot;Add to Registry&quot; on a company span its registry lacks (payload: the Span).</extracomment>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="83"/>
        <source>Click a span to see and edit its attributes</source>
        <translation>点击一个标注，查看并编辑它的属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector_pages.py" line="73"/>
        <source>Figure</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="166"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="167"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="168"/>
        <source>Annotator</source>
        <translation>标注员</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="169"/>
        <source>Origin</source>
        <translation>出处</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="170"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="181"/>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="193"/>
        <source>Relations</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="196"/>
        <source>Click one to select the span at its other end</source>
        <translation>点击一条关系，选中它另一端的标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector_pages.py" line="95"/>
        <source>This label has no attributes</source>
        <translation>这个标签没有属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="376"/>
        <source>→ {type}  {label} “{text}”</source>
        <translation>→ {type}  {label}“{text}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="377"/>
        <source>← {type}  {label} “{text}”</source>
        <translation>← {type}  {label}“{text}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="384"/>
        <source>No relations</source>
        <translation>没有关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/inspector.py" line="396"/>
        <source>Required, not set yet</source>
        <translation>必填，尚未设置</translation>
    </message>
</context>
<context>
    <name>LabelPalette</name>
    <message>
        <location filename="../../annotator/ui/palette.py" line="74"/>
        <source>Labels</source>
        <extracomment>The width of the label&apos;s colour along a button&apos;s left edge, and the room around its text. A label button was clicked (label name, exact: Alt was held). &quot;Edit labels…&quot; was clicked.</extracomment>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/palette.py" line="80"/>
        <source>Edit labels…</source>
        <translation>编辑标签…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/palette.py" line="103"/>
        <source>
Key {key} (Alt+{key}: exact characters, no snapping)</source>
        <translation>
按键 {key}（Alt+{key}：精确字符，不吸附）</translation>
    </message>
</context>
<context>
    <name>Labeler</name>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="43"/>
        <source>Select some text first, then press a label key</source>
        <extracomment>A short message for the status bar (payload: text). The labeler selected a span it just created (payload: span id).</extracomment>
        <translation>请先选择一些文本，再按标签键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="78"/>
        <source>Click a span first, then move its start or end</source>
        <translation>请先点击一个标注，再移动它的开头或结尾</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="91"/>
        <source>A span keeps at least one character</source>
        <translation>标注至少保留一个字符</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="101"/>
        <source>Click a span first, then press N to edit its note</source>
        <translation>请先点击一个标注，再按 N 编辑它的备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="106"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="107"/>
        <source>Note on {label} “{text}”:</source>
        <translation>{label}“{text}”的备注：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="137"/>
        <source>The project is open read-only</source>
        <translation>项目以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/labeling.py" line="140"/>
        <source>This pane shows {name}&apos;s spans read-only; switch it to “My spans” or “All annotators” to edit</source>
        <translation>这个窗格以只读方式显示 {name} 的标注；切换到“我的标注”或“所有标注员”才能编辑</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../annotator/ui/i18n.py" line="82"/>
        <source>&amp;Language</source>
        <extracomment>Language code -&gt; its name as its readers write it (menu entries, never translated).</extracomment>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="104"/>
        <source>Open &amp;Recent</source>
        <extracomment>Actions that change the project file: disabled while its file is lost (see FileLostBar).</extracomment>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="105"/>
        <source>&amp;Labels</source>
        <translation>标签(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="106"/>
        <source>Span &amp;Boundaries</source>
        <translation>标注边界(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="151"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="153"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="159"/>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="161"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="168"/>
        <source>&amp;Review</source>
        <translation>审阅(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="170"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="187"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="198"/>
        <source>The interface will be in %1 from the next start</source>
        <translation>界面将从下次启动起使用%1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="377"/>
        <source>Click a span first, then edit its attributes</source>
        <translation>请先点击一个标注，再编辑它的属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="382"/>
        <source>This span&apos;s label has no attributes</source>
        <translation>这个标注的标签没有属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window_dialogs.py" line="54"/>
        <source>Assigned: %1 file(s) written</source>
        <translation>已分配：写出了 %1 个文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window_dialogs.py" line="98"/>
        <source>Select the characters to keep together first</source>
        <translation>请先选择要保持在一起的字符</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window_dialogs.py" line="112"/>
        <source>Annotator name</source>
        <translation>标注员姓名</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/window_dialogs.py" line="113"/>
        <source>{error}. Your name stays “{name}”.</source>
        <translation>{error}。你的姓名仍为“{name}”。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="425"/>
        <source>Loading the Chinese word list…</source>
        <translation>正在加载中文词表…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="427"/>
        <source>Word snapping unavailable: {error}</source>
        <translation>吸附到词不可用：{error}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="428"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="535"/>
        <source>Hotkeys not bound</source>
        <translation>快捷键未绑定</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="545"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="554"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="64"/>
        <source>%1 of %2&apos;s spans edited in this file since the last merge replace ours (the change log keeps ours)</source>
        <translation>%2 在本文件中于上次合并后编辑的 %1 个标注替换了我们的（变更日志保留了我们的）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="81"/>
        <source>attribute values</source>
        <translation>属性值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="82"/>
        <source>article attributes</source>
        <translation>文章属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="83"/>
        <source>relations</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="92"/>
        <source>to add</source>
        <translation>待添加</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="93"/>
        <source>already here</source>
        <translation>已存在</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="94"/>
        <source>differ (ours kept)</source>
        <translation>不同（保留我们的）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="95"/>
        <source>owner&apos;s newer value</source>
        <translation>所有者较新的值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="102"/>
        <source>New definitions: %1</source>
        <translation>新定义：%1</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="116"/>
        <source>Import teammate&apos;s work</source>
        <extracomment>The preview ended (list of MergeReport, or None; error message or &quot;&quot;). The merge ended (list of MergeReport, or None; error message or &quot;&quot;).</extracomment>
        <translation>导入队友的工作</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="122"/>
        <source>Checking {count} file(s)…</source>
        <translation>正在检查 {count} 个文件…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="128"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="152"/>
        <source>Refused: {error}

Nothing was merged.</source>
        <translation>已拒绝：{error}

没有合并任何内容。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="159"/>
        <source>Merging would add {articles} article(s) and {spans} span(s).</source>
        <translation>合并将添加 {articles} 篇文章和 {spans} 个标注。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="161"/>
        <source>These files hold nothing new for this project.</source>
        <translation>这些文件中没有本项目的新内容。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="171"/>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="192"/>
        <source>Cannot reopen the project</source>
        <translation>无法重新打开项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/merge_dialog.py" line="195"/>
        <source>Merge failed: {error}

Nothing was merged.</source>
        <translation>合并失败：{error}

没有合并任何内容。</translation>
    </message>
</context>
<context>
    <name>ProjectOps</name>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="84"/>
        <source>Cannot open the project</source>
        <extracomment>A line for the status bar (payload: text). An import is about to start (payload: the ImportWorker; tests cancel through it). An import ended (ImportReport or None, error: &quot;&quot; on success, &quot;cancelled&quot;, or a message). An export ended (payload: the manifest dict, or None on error or cancel). The background integrity check of a newly opened project ended (payload: &quot;&quot; when the file is healthy, else the sentence writes are refused with). The import&apos;s summary or bad-files dialog last shown (tests look at it). Until the window has painted once, the integrity check of the project opened at start waits: it reads the whole file (1 GB at 100k articles) on a second core, and its imports take the GIL, both while the first paint is being made (issue 14).</extracomment>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="94"/>
        <source>Opened {line}</source>
        <translation>已打开 {line}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="96"/>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="127"/>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="153"/>
        <source>Reading files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="153"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="155"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="161"/>
        <source>Cancelling: nothing is imported…</source>
        <translation>正在取消：不会导入任何内容…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="181"/>
        <source>Importing… {count} record(s) read</source>
        <translation>正在导入… 已读取 {count} 条记录</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="199"/>
        <source>Cannot reopen the project</source>
        <translation>无法重新打开项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="213"/>
        <location filename="../../annotator/ui/project_ops.py" line="226"/>
        <source>Import cancelled: nothing was imported</source>
        <translation>已取消导入：没有导入任何内容</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="215"/>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="251"/>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="253"/>
        <source>Export cancelled: nothing was written</source>
        <translation>已取消导出：没有写出任何内容</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="291"/>
        <source>Save what is open as</source>
        <translation>将当前内容另存为</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="298"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="301"/>
        <source>Saved everything to {path}; you are now working in it</source>
        <translation>所有内容已保存到 {path}；你现在正在使用这个文件</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="307"/>
        <source>Snapshot for sharing</source>
        <translation>共享快照</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="313"/>
        <source>Snapshot failed</source>
        <translation>快照失败</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/project_ops.py" line="315"/>
        <source>Snapshot written to {path}; send that file, not the live one</source>
        <translation>快照已写入 {path}；请发送这个文件，而不是正在使用的文件</translation>
    </message>
</context>
<context>
    <name>Registry</name>
    <message>
        <location filename="../../annotator/ui/registry/alias.py" line="55"/>
        <source>The project is not open for writing</source>
        <translation>项目未以可写方式打开</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/alias.py" line="58"/>
        <source>Select the company&apos;s name in the text, or a span, first</source>
        <translation>请先在文本中选中公司名称或选中一个标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/alias.py" line="67"/>
        <source>Nothing added</source>
        <translation>未添加任何内容</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/alias.py" line="72"/>
        <source>“{0}” names {1}; the span links to it</source>
        <translation>“{0}”指代{1}；标注已链接到该条目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/alias.py" line="73"/>
        <source>“{0}” names {1}</source>
        <translation>“{0}”指代{1}</translation>
    </message>
</context>
<context>
    <name>RegistryCommands</name>
    <message>
        <location filename="../../annotator/ui/registry/commands.py" line="43"/>
        <source>Add company {0}</source>
        <translation>添加公司 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/commands.py" line="60"/>
        <source>Edit company {0}</source>
        <translation>编辑公司 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/commands.py" line="77"/>
        <source>Delete company {0}</source>
        <translation>删除公司 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/commands.py" line="95"/>
        <source>Add alias {0} to {1}</source>
        <translation>为 {1} 添加别名 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/commands.py" line="139"/>
        <source>Import companies from {0}</source>
        <translation>从 {0} 导入公司</translation>
    </message>
</context>
<context>
    <name>RegistryDock</name>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="149"/>
        <source>Import a company registry</source>
        <translation>导入公司注册表</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dialogs.py" line="157"/>
        <source>Export the company registry</source>
        <translation>导出公司注册表</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="113"/>
        <location filename="../../annotator/ui/window_docks.py" line="35"/>
        <source>Registry</source>
        <extracomment>Open this place (article id, start, end): an entry&apos;s next company span. The table was read again (no payload): tests wait for it.</extracomment>
        <translation>注册表</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="124"/>
        <source>Filter names, aliases, tickers, notes…</source>
        <translation>筛选名称、别名、股票代码、备注…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="127"/>
        <source>Double-click: the company&apos;s next span</source>
        <translation>双击：该公司的下一个标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="134"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="135"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="136"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="137"/>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="138"/>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/registry/dock.py" line="196"/>
        <source>%n company(ies)</source>
        <translation>
            <numerusform>%n 家公司</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="197"/>
        <source>%1 of %2 companies</source>
        <translation>%2 家公司中的 %1 家</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="232"/>
        <source>Add Company</source>
        <translation>添加公司</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="242"/>
        <source>Edit Company</source>
        <translation>编辑公司</translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/registry/dock.py" line="250"/>
        <source>%n company span(s) now name “{0}”</source>
        <translation>
            <numerusform>%n 个公司标注现在指代“{0}”</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="260"/>
        <source>Delete “{0}” from the registry?</source>
        <translation>从注册表中删除“{0}”？</translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/registry/dock.py" line="262"/>
        <source>%n company span(s) keep naming it; the inspector will show it is not in the registry.</source>
        <translation>
            <numerusform>%n 个公司标注仍指代它；检查器将显示它不在注册表中。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="264"/>
        <source>Delete Company</source>
        <translation>删除公司</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="283"/>
        <source>Registry not imported</source>
        <translation>注册表未导入</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="284"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="290"/>
        <source>Imported from {0}: {1} added, {2} given new aliases, tickers or note</source>
        <translation>已从 {0} 导入：新增 {1} 家，{2} 家获得新的别名、股票代码或备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="309"/>
        <source>Registry not exported</source>
        <translation>注册表未导出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../annotator/ui/registry/dock.py" line="311"/>
        <source>Wrote %n company(ies) to {0}</source>
        <translation>
            <numerusform>已将 %n 家公司写入 {0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../annotator/ui/registry/dock.py" line="331"/>
        <source>No company span names “{0}” yet</source>
        <translation>还没有公司标注指代“{0}”</translation>
    </message>
</context>
<context>
    <name>RelationTool</name>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="163"/>
        <source>Click a span first, then press R and pick the target</source>
        <extracomment>Keys a pick answers while it lasts, before any shortcut of the window. A short message for the status bar (payload: text).</extracomment>
        <translation>请先点击一个标注，再按 R 选择目标</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="168"/>
        <source>Relations are hidden: View ▸ Show Relations</source>
        <translation>关系已隐藏：视图 ▸ 显示关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="175"/>
        <source>Relation from {label} “{text}”: click the target, or Tab to it and press Enter; Esc cancels</source>
        <translation>从{label}“{text}”出发的关系：点击目标，或用 Tab 移到目标后按 Enter；Esc 取消</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="193"/>
        <source>Target {n} of {count}: {label} “{text}” (Enter confirms)</source>
        <translation>目标 {n} / {count}：{label}“{text}”（Enter 确认）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="203"/>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="227"/>
        <source>No relation made</source>
        <translation>未创建关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="213"/>
        <source>No relation made: pick a span other than the source</source>
        <translation>未创建关系：请选择源标注以外的标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="222"/>
        <source>Relation type</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="223"/>
        <source>{source} “{a}” → {target} “{b}”:</source>
        <translation>{source}“{a}” → {target}“{b}”：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="237"/>
        <source>{type}: {a} → {b}</source>
        <translation>{type}：{a} → {b}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="246"/>
        <source>No relation made: the scheme defines no relation types (Edit ▸ Label Scheme)</source>
        <translation>未创建关系：方案中没有定义关系类型（编辑 ▸ 标签方案）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="250"/>
        <source>No relation type goes from {a} to {b}. The scheme has: {types}</source>
        <translation>没有从 {a} 到 {b} 的关系类型。方案中有：{types}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="275"/>
        <source>{type}: {source} “{a}” → {target} “{b}”</source>
        <translation>{type}：{source}“{a}” → {target}“{b}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="325"/>
        <source>Click a span to relate to, or press Esc</source>
        <translation>点击要关联的标注，或按 Esc</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="340"/>
        <source> (Delete removes it)</source>
        <translation>（按 Delete 删除）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_picker.py" line="367"/>
        <source>Press Tab to pick a target first, or click one</source>
        <translation>请先按 Tab 选择目标，或点击一个标注</translation>
    </message>
</context>
<context>
    <name>RelationTypeEditor</name>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="45"/>
        <source>Symmetric (either direction)</source>
        <translation>对称（任一方向）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="51"/>
        <source>Add Relation Type…</source>
        <translation>添加关系类型…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="52"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="54"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="55"/>
        <source>From labels</source>
        <translation>起点标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="56"/>
        <source>To labels</source>
        <translation>终点标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="58"/>
        <source>Color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="59"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="114"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="148"/>
        <source>New relation type</source>
        <translation>新关系类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_type_editor.py" line="149"/>
        <source>Name of the new relation type (letters, digits, _ and -):</source>
        <translation>新关系类型的名称（字母、数字、_ 和 -）：</translation>
    </message>
</context>
<context>
    <name>ReviewDock</name>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="36"/>
        <source>left only</source>
        <translation>仅左侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="37"/>
        <source>right only</source>
        <translation>仅右侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="38"/>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="39"/>
        <source>boundary</source>
        <translation>边界</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="40"/>
        <source>label + boundary</source>
        <translation>标签 + 边界</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="41"/>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="42"/>
        <source>relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="43"/>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="50"/>
        <source>gold</source>
        <extracomment>A row of the list: a span disagreement or an attribute/relation one.</extracomment>
        <translation>金标准</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="144"/>
        <source>(the article)</source>
        <translation>（文章）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="169"/>
        <source>Review</source>
        <extracomment>The user picked another article (payload: article id). The user picked other layers (payload: left layer, right layer). The current disagreement row changed (payload: Disagreement or None).</extracomment>
        <translation>审阅</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="184"/>
        <source>Hide resolved</source>
        <translation>隐藏已解决</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="188"/>
        <location filename="../../annotator/ui/review_panel.py" line="240"/>
        <source>All labels</source>
        <translation>所有标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="199"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="200"/>
        <source>Left pane</source>
        <translation>左侧窗格</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="201"/>
        <source>Right pane</source>
        <translation>右侧窗格</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="202"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_panel.py" line="231"/>
        <source>(article {id})</source>
        <translation>（文章 {id}）</translation>
    </message>
</context>
<context>
    <name>ReviewMode</name>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="92"/>
        <source>Open an article first</source>
        <extracomment>Review mode was switched on or off (payload: bool). Review mode is about to show its dock (the window keeps its dock layout to restore). The disagreement list was recomputed (payload: list of every Disagreement). A line for the status bar (payload: text).</extracomment>
        <translation>请先打开一篇文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="170"/>
        <source>{0} disagreement(s), {1} open; {2} gold span(s) in this article</source>
        <translation>本文有 {0} 个分歧，{1} 个未解决；{2} 个金标准标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="257"/>
        <source>Accept Both is for span rows: pick a value (E)</source>
        <translation>“两侧都接受”只用于标注行：请选择一个值（E）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="290"/>
        <source>Select a range or a disagreement first</source>
        <translation>请先选择一个范围或一个分歧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="295"/>
        <source>Gold span</source>
        <translation>金标准标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="296"/>
        <source>Label of the gold span:</source>
        <translation>金标准标注的标签：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="303"/>
        <source>Select some text, then press a label key for a gold span</source>
        <translation>请选择一些文本，再按标签键创建金标准标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="337"/>
        <source>Pick a disagreement first (F8: next)</source>
        <translation>请先选择一个分歧（F8：下一个）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_mode.py" line="343"/>
        <source>The project is open read-only</source>
        <translation>项目以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_structure.py" line="27"/>
        <source>Gold relation</source>
        <translation>金标准关系</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_structure.py" line="28"/>
        <source>Relation type from {0} to {1}:</source>
        <translation>从 {0} 到 {1} 的关系类型：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_structure.py" line="37"/>
        <source>Gold value</source>
        <translation>金标准值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_structure.py" line="38"/>
        <source>{0} of the gold {1}:</source>
        <translation>金标准{1}的{0}：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_structure.py" line="39"/>
        <source>article</source>
        <translation>文章</translation>
    </message>
</context>
<context>
    <name>SchemeEditor</name>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="45"/>
        <source>Label Scheme</source>
        <translation>标签方案</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="54"/>
        <source>e.g. 5 (none: leave empty)</source>
        <translation>例如 5（不设：留空）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="63"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="64"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="65"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="66"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="69"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="70"/>
        <source>Hotkey</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="71"/>
        <source>Color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="72"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="89"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="90"/>
        <source>Attributes of the Label</source>
        <translation>标签的属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="91"/>
        <source>Relation Types</source>
        <translation>关系类型</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="92"/>
        <source>Article Attributes</source>
        <translation>文章属性</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="100"/>
        <source>Changes are saved as you make them.</source>
        <translation>更改会随时保存。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="133"/>
        <source>New label</source>
        <translation>新标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="134"/>
        <source>Name of the new label:</source>
        <translation>新标签的名称：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="148"/>
        <source>Label in use</source>
        <translation>标签正在使用</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="149"/>
        <source>“{label}” is used by {count} span(s), so it was not deleted.
Relabel or delete those spans first (deleting a label never deletes spans), or rename the label instead.</source>
        <translation>“{label}”被 {count} 个标注使用，因此没有删除。
请先重新标注或删除这些标注（删除标签从不删除标注），或者改为重命名该标签。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="153"/>
        <source>Delete label</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="154"/>
        <source>Delete the label “{label}”? No span uses it.</source>
        <translation>删除标签“{label}”？没有标注使用它。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="184"/>
        <source>Hotkey “{key}” is the window&apos;s key ({use})</source>
        <translation>快捷键“{key}”是窗口的按键（{use}）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/scheme_editor.py" line="250"/>
        <source>Attributes of “{0}”</source>
        <translation>“{0}”的属性</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../../annotator/ui/search.py" line="212"/>
        <location filename="../../annotator/ui/window_docks.py" line="33"/>
        <source>Search Project</source>
        <extracomment>Open the article and reveal the hit (article id, start, end in code points). A search read every article or found enough hits (payload: the needle); a cancelled search never emits it.
----------
Each dock&apos;s own title (its class&apos;s translation context), so that its View entry reads, and is translated, the same before and after the dock is made.</extracomment>
        <translation>搜索项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="235"/>
        <source>Search every article…</source>
        <translation>搜索所有文章…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="242"/>
        <source>An index of the texts in your cache folder (never in the project file) answers rare words at once; until it is ready, searches read every article.</source>
        <translation>缓存文件夹中的文本索引（从不放在项目文件中）可以立即查到罕见词；在索引就绪之前，搜索会逐篇读取文章。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="309"/>
        <source>Searching for “{needle}”…</source>
        <translation>正在搜索“{needle}”…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="322"/>
        <source>index ready</source>
        <translation>索引已就绪</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="324"/>
        <source>indexing: {percent}</source>
        <translation>正在建立索引：{percent}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="356"/>
        <source>No match for “{needle}”</source>
        <translation>没有找到“{needle}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="359"/>
        <source>{count} match(es) in {articles} article(s)</source>
        <translation>在 {articles} 篇文章中找到 {count} 处</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search.py" line="362"/>
        <source>Searching… {found}, {share} of the articles read</source>
        <translation>正在搜索… {found}，已读取 {share} 的文章</translation>
    </message>
</context>
<context>
    <name>SetAttribute</name>
    <message>
        <location filename="../../annotator/ui/claims/attribute_commands.py" line="31"/>
        <source>unset</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/attribute_commands.py" line="33"/>
        <source>Set {0} of {1} to {2}</source>
        <translation>将 {1} 的 {0} 设为 {2}</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../annotator/ui/help.py" line="56"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="80"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="82"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="82"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="83"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help.py" line="90"/>
        <source>Label keys apply to the selection snapped to words; with Alt, to the exact characters. The decision keys work in review mode only.</source>
        <translation>标签键作用于吸附到词后的选择；按住 Alt 则作用于精确的字符。决定键只在审阅模式下有效。</translation>
    </message>
</context>
<context>
    <name>SpanMenu</name>
    <message>
        <location filename="../../annotator/ui/span_menu.py" line="40"/>
        <source>&amp;Relabel</source>
        <translation>重新标注(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/span_menu.py" line="48"/>
        <source>Adjust &amp;Boundaries</source>
        <translation>调整边界(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/span_menu.py" line="52"/>
        <source>Edit &amp;Note…</source>
        <translation>编辑备注(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/span_menu.py" line="53"/>
        <source>&amp;Copy Span Text</source>
        <translation>复制标注文本(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/span_menu.py" line="55"/>
        <source>&amp;Delete Span</source>
        <translation>删除标注(&amp;D)</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../annotator/ui/models.py" line="39"/>
        <source>to do</source>
        <extracomment>Reads the summaries of some article ids (``Project.article_summaries``).</extracomment>
        <translation>待办</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="40"/>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/models.py" line="41"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>StatusWidgets</name>
    <message>
        <location filename="../../annotator/ui/status.py" line="34"/>
        <source>no project — annotator</source>
        <translation>未打开项目 — annotator</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="37"/>
        <source>{file} ({folder})</source>
        <translation>{file}（{folder}）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="42"/>
        <source> [read-only]</source>
        <translation> [只读]</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="61"/>
        <source>{file}, a copy of {source} made {when}</source>
        <translation>{file}，{source} 的副本，创建于 {when}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="63"/>
        <source>{file}, made from {source} ({kind}) {when}</source>
        <translation>{file}，由 {source}（{kind}）生成于 {when}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="84"/>
        <source>Articles you marked done / all articles; each annotator has their own statuses (Ctrl+Enter marks done)</source>
        <extracomment>The annotator name was clicked (change it).</extracomment>
        <translation>你标记为完成的文章 / 全部文章；每位标注员各有自己的状态（Ctrl+Enter 标记为完成）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="90"/>
        <source>Who is annotating: recorded on every new span (click to change)</source>
        <translation>谁在标注：记录在每个新标注上（点击更改）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="107"/>
        <source>copied from {path}</source>
        <translation>复制自 {path}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="111"/>
        <source>Annotator: {name}</source>
        <translation>标注员：{name}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="115"/>
        <source>{done} / {total} done</source>
        <translation>已完成 {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="116"/>
        <source>no articles</source>
        <translation>没有文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="118"/>
        <source> · {count} in progress</source>
        <translation> · {count} 篇进行中</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="126"/>
        <source>{title} · {language} · {chars} characters</source>
        <translation>{title} · {language} · {chars} 个字符</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/status.py" line="127"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>SuggestionRow</name>
    <message>
        <location filename="../../annotator/ui/claims/suggestion_row.py" line="23"/>
        <source>Suggested: not yours until accepted</source>
        <translation>建议：接受后才属于你</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/suggestion_row.py" line="25"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/suggestion_row.py" line="26"/>
        <source>Make it your span (A or Enter in the article)</source>
        <translation>变为你的标注（在文章中按 A 或 Enter）</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/suggestion_row.py" line="27"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/suggestion_row.py" line="28"/>
        <source>Remove it; it is never suggested again (X)</source>
        <translation>移除；以后不再建议（X）</translation>
    </message>
</context>
<context>
    <name>Suggestions</name>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="44"/>
        <source>1 figure</source>
        <extracomment>Article ▸ Suggest&apos;s actions and the kinds each one suggests. How each kind is counted in the status bar: (one, several), translated where shown.</extracomment>
        <translation>1 个数字</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="45"/>
        <source>{0} figures</source>
        <translation>{0} 个数字</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="46"/>
        <source>1 company</source>
        <translation>1 家公司</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="47"/>
        <source>{0} companies</source>
        <translation>{0} 家公司</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="48"/>
        <source>1 repeat</source>
        <translation>1 处重复</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="49"/>
        <source>{0} repeats</source>
        <translation>{0} 处重复</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="59"/>
        <source>No new suggestions</source>
        <translation>没有新的建议</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="61"/>
        <source>Suggested {0}</source>
        <translation>已建议 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="77"/>
        <source>&amp;Suggest</source>
        <extracomment>A short message for the status bar (payload: text).</extracomment>
        <translation>建议(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="190"/>
        <source>Accepted {0} suggestion(s) of {1}</source>
        <translation>已接受 {0} 条“{1}”建议</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="41"/>
        <source>Type a word first</source>
        <translation>请先输入一个词</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="43"/>
        <source>“{0}” has a space: a term is kept as one word, and words never hold spaces</source>
        <translation>“{0}”含有空格：术语作为一个词保留，而词中不含空格</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="57"/>
        <source>“{0}” is already a term</source>
        <translation>“{0}”已经是术语</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="59"/>
        <source>“{0}” is now kept as one word</source>
        <translation>“{0}”现在作为一个词保留</translation>
    </message>
</context>
<context>
    <name>TermsEditor</name>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="69"/>
        <source>Terms</source>
        <translation>术语</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="71"/>
        <source>Words that snapping and double clicks keep whole: names, products, companies (崔丽丽, 聚划算, B站).</source>
        <translation>吸附到词和双击时保持完整的词：人名、产品、公司（崔丽丽、聚划算、B站）。</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="79"/>
        <source>New term, e.g. 崔丽丽</source>
        <translation>新术语，例如 崔丽丽</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="80"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="82"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="113"/>
        <source>“{0}” is already a term</source>
        <translation>“{0}”已经是术语</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="120"/>
        <source>“{0}” added</source>
        <translation>已添加“{0}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/terms_editor.py" line="129"/>
        <source>Removed {0}</source>
        <translation>已移除 {0}</translation>
    </message>
</context>
<context>
    <name>WrappedText</name>
    <message>
        <location filename="../../annotator/ui/wrapped_text.py" line="171"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/wrapped_text.py" line="172"/>
        <source>Select All</source>
        <translation>全选</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../annotator/ui/commands.py" line="77"/>
        <source>Add {0} {1}</source>
        <translation>添加 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="113"/>
        <source>Delete {0} {1}</source>
        <translation>删除 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="136"/>
        <source>Relabel {0} {1} → {2}</source>
        <translation>重新标注 {0} {1} → {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="153"/>
        <source>Edit note of {0}</source>
        <translation>编辑 {0} 的备注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="171"/>
        <source>Move {0} {1} → {2}</source>
        <translation>移动 {0} {1} → {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="190"/>
        <source>Mark {0} {1}</source>
        <translation>标记 {0} 为 {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="191"/>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="208"/>
        <source>Rename article “{0}” to “{1}”</source>
        <translation>将文章“{0}”重命名为“{1}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="228"/>
        <source>Delete article “{0}”</source>
        <translation>删除文章“{0}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_commands.py" line="24"/>
        <source>Relate {0} {1} → {2}</source>
        <translation>关联 {0} {1} → {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/claims/relation_commands.py" line="45"/>
        <source>Delete relation {0} {1}</source>
        <translation>删除关系 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_commands.py" line="52"/>
        <source>Suggest in article</source>
        <translation>在文章中建议</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_commands.py" line="90"/>
        <source>Accept {0} {1}</source>
        <translation>接受{0}“{1}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestion_commands.py" line="114"/>
        <source>Reject {0} {1}</source>
        <translation>拒绝{0}“{1}”</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/suggestions.py" line="186"/>
        <source>Accept {0} suggestion(s) of {1}</source>
        <translation>接受 {0} 条“{1}”建议</translation>
    </message>
</context>
<context>
    <name>interaction</name>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="47"/>
        <source>HTML report (*.html);;All files (*)</source>
        <translation>HTML 报告 (*.html);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="24"/>
        <source>Annotator projects (*.db);;All files (*)</source>
        <translation>Annotator 项目 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="25"/>
        <source>Articles (*.txt *.md *.markdown *.jsonl *.json *.csv);;All files (*)</source>
        <translation>文章 (*.txt *.md *.markdown *.jsonl *.json *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="27"/>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON 行 (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="44"/>
        <source>Who is annotating?</source>
        <translation>谁在标注？</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="45"/>
        <source>Your name is recorded on every span you create:</source>
        <translation>你的姓名会记录在你创建的每个标注上：</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="104"/>
        <source>Label color</source>
        <translation>标签颜色</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="119"/>
        <source>
… and {count} more</source>
        <translation>
… 还有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="121"/>
        <source>Replace existing files?</source>
        <translation>替换已有文件？</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="122"/>
        <source>The export would replace:
{files}

</source>
        <translation>导出将替换：
{files}

</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="124"/>
        <source>Replace them?</source>
        <translation>替换它们？</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="125"/>
        <source>Replace it?</source>
        <translation>替换它？</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="144"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="155"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="164"/>
        <source>Import articles</source>
        <translation>导入文章</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="184"/>
        <source>Export {format} into a folder</source>
        <translation>将 {format} 导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="189"/>
        <source>Export {format}</source>
        <translation>导出 {format}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="191"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="214"/>
        <source>Write the files into</source>
        <translation>将文件写入</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/interaction.py" line="223"/>
        <source>Import teammate&apos;s work</source>
        <translation>导入队友的工作</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/concordance.py" line="65"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>review_commands</name>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="32"/>
        <location filename="../../annotator/ui/review_commands.py" line="188"/>
        <source>Accept left</source>
        <extracomment>decision name -&gt; (menu text, function(project, disagreement, who) -&gt; created gold spans)
----------
decision -&gt; undo text of a structure decision</extracomment>
        <translation>采纳左侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="33"/>
        <location filename="../../annotator/ui/review_commands.py" line="189"/>
        <source>Accept right</source>
        <translation>采纳右侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="35"/>
        <source>Accept both</source>
        <translation>采纳两侧</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="107"/>
        <source>Gold {0} {1}</source>
        <translation>金标准 {0} {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="113"/>
        <source>Accept all agreeing spans</source>
        <translation>采纳所有一致的标注</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="123"/>
        <source>Reject {0}</source>
        <translation>拒绝 {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="190"/>
        <source>Gold value</source>
        <translation>金标准值</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_commands.py" line="191"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
</context>
</TS>
